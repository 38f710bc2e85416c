import { createReadStream } from 'node:fs';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Kysely } from 'kysely';
import { ApiError } from '../errors.js';
import type { Database } from '../postgres/index.js';
import { findMediaByTokenId, mediaDb, type MediaRow } from './repository.js';
import { objectOf } from './routes.js';
import type { LocalMediaFiles, MediaStore, UploadMethod, WriteResult } from './store.js';

const REJECTED: Record<Exclude<WriteResult, { ok: true }>['reason'], string> = {
  too_large: 'Upload is larger than the declared contentLength',
  length_mismatch: 'Upload length does not match the declared contentLength',
  hash_mismatch: 'Upload content does not match the declared sha256Hash',
};

/**
 * The local store's upload and download URLs. They carry no API key (the SDK PUTs to a presigned-style
 * URL): a token signed for this media id and method is the only credential, so they sit before Basic auth.
 */
export function mediaTokenRoutes(deps: { db: Kysely<Database>; media?: MediaStore | undefined }): Router {
  const db = mediaDb(deps.db);
  const router = new Router({ prefix: '/api/public/media/:id' });
  const local = deps.media?.local;
  if (!local) return router;
  router.put('/upload', async (ctx) => {
    const row = await authorize(ctx, db, local, 'PUT');
    const declaredHash = ctx.get('x-amz-checksum-sha256');
    if (declaredHash && declaredHash !== row.sha256_hash) throw new ApiError('invalid_request', REJECTED.hash_mismatch);
    const declaredLength = ctx.get('content-length');
    if (declaredLength && Number(declaredLength) !== Number(row.content_length)) throw new ApiError('invalid_request', REJECTED.length_mismatch);
    const result = await local.write(objectOf(row), ctx.req as AsyncIterable<Buffer>);
    if (!result.ok) throw new ApiError('invalid_request', REJECTED[result.reason]);
    ctx.status = 200;
  });
  router.get('/content', async (ctx) => {
    const row = await authorize(ctx, db, local, 'GET');
    const file = await local.locate(row.bucket_path);
    if (!file) throw new ApiError('not_found', 'Media content not uploaded');
    ctx.type = row.content_type;
    ctx.length = Number(row.content_length);
    ctx.body = createReadStream(file);
  });
  return router;
}

/** Token first, so a caller without one cannot probe which media ids exist. */
async function authorize(ctx: Context, db: ReturnType<typeof mediaDb>, local: LocalMediaFiles, method: UploadMethod): Promise<MediaRow> {
  const id = String(ctx.params['id'] ?? '');
  const token = typeof ctx.query['token'] === 'string' ? ctx.query['token'] : '';
  if (!local.verifyToken(token, id, method)) throw new ApiError('forbidden', 'Invalid or expired media token');
  const row = await findMediaByTokenId(db, id);
  if (!row) throw new ApiError('not_found', 'Media asset not found');
  return row;
}
