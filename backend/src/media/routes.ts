import Router from '@koa/router';
import type { Context } from 'koa';
import type { Kysely } from 'kysely';
import type { AuthState } from '../api/middleware/auth.js';
import { readJsonBody } from '../api/body.js';
import { parseInput } from '../api/query.js';
import { ApiError, notFound } from '../errors.js';
import type { Database } from '../postgres/index.js';
import { findMedia, isUploaded, mediaDb, recordUpload, upsertMedia, type MediaRow } from './repository.js';
import { createMediaBody, mediaIdParam, patchMediaBody, type CreateMediaResponse, type GetMediaResponse } from './schemas.js';
import type { MediaObject, MediaStore } from './store.js';

/** `POST /api/public/media`, `GET/PATCH /api/public/media/:id`, scoped to the caller's project. */
export function mediaRoutes(deps: { db: Kysely<Database>; media?: MediaStore | undefined }): Router<AuthState> {
  const db = mediaDb(deps.db);
  const router = new Router<AuthState>({ prefix: '/api/public/media' });
  const store = (): MediaStore => {
    if (!deps.media) throw new ApiError('unavailable', 'Media storage is not configured on this server');
    return deps.media;
  };
  router.post('/', async (ctx) => {
    const body = parseInput(createMediaBody, await readJsonBody(ctx));
    const media = store();
    const row = await upsertMedia(db, ctx.state.project.projectId, body);
    // Same content already stored for this project: the SDK skips the upload.
    const uploadUrl = isUploaded(row) ? null : (await media.uploadUrl(objectOf(row), publicOrigin(ctx))).url;
    ctx.body = { uploadUrl, mediaId: row.id } satisfies CreateMediaResponse;
  });
  router.get('/:id', async (ctx) => {
    const row = await findMedia(db, ctx.state.project.projectId, parseInput(mediaIdParam, ctx.params.id));
    if (!row) throw notFound('Media asset');
    if (row.upload_http_status === null) throw new ApiError('not_found', 'Media not yet uploaded');
    if (!isUploaded(row)) throw new ApiError('not_found', `Media upload failed with status ${row.upload_http_status}`);
    const signed = await store().downloadUrl(objectOf(row), publicOrigin(ctx));
    ctx.body = {
      mediaId: row.id,
      contentType: row.content_type,
      contentLength: Number(row.content_length),
      uploadedAt: row.uploaded_at?.toISOString() ?? null,
      url: signed.url,
      urlExpiry: signed.expiresAt.toISOString(),
    } satisfies GetMediaResponse;
  });
  router.patch('/:id', async (ctx) => {
    const id = parseInput(mediaIdParam, ctx.params.id);
    const body = parseInput(patchMediaBody, await readJsonBody(ctx));
    if (!(await recordUpload(db, ctx.state.project.projectId, id, body))) throw notFound('Media asset');
    ctx.status = 204;
  });
  return router;
}

export function objectOf(row: MediaRow): MediaObject {
  return {
    mediaId: row.id,
    bucketPath: row.bucket_path,
    contentType: row.content_type,
    contentLength: Number(row.content_length),
    sha256Hash: row.sha256_hash,
  };
}

/** This API's base URL as the client reached it (`app.proxy` makes X-Forwarded-Proto/Host count); Koa 3's `ctx.origin` is the Origin header. */
function publicOrigin(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}
