import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import type { ApiKeyVerifier, BatchCodec, BatchQueue, BlobStore, Logger } from '@spanlight/collector';
import type { Kysely } from 'kysely';
import { parseInput } from '../api/query.js';
import { ApiError } from '../errors.js';
import type { Database } from '../postgres/index.js';
import { readJsonBody } from '../api/body.js';
import { getScoreConfig, inflateScore, scoreBody, type ConfigLookup, type ScoreConfig } from '../scores/index.js';
import { basicOrPublicKeyAuth, type WriteAuthState } from './auth.js';
import { addLegacyObjectRoutes } from './legacy-routes.js';
import { bufferEvents, type BufferDeps } from './producer.js';
import { ingestionRequest } from './schemas.js';
import { validateBatch } from './validate.js';

export interface IngestionRouteDeps {
  db: Kysely<Database>;
  keys: ApiKeyVerifier;
  logger: Logger;
  blobs?: BlobStore;
  queue?: BatchQueue;
  codec?: BatchCodec;
}

const createScoreBody = scoreBody.refine((b) => b.source !== 'EVAL', {
  message: 'source EVAL is reserved for evaluators; use API or ANNOTATION',
  path: ['source'],
});

/**
 * The write routes that accept public-key-only auth: `POST /api/public/ingestion` (207, per-event
 * outcomes), `POST /api/public/scores` and the legacy single-object routes (traces, spans, generations, events). All go through the durable buffer; the worker writes.
 * Mounted before the app-wide Basic auth, which would refuse Bearer credentials.
 */
export function ingestionRoutes(deps: IngestionRouteDeps): Router<WriteAuthState> {
  const router = new Router<WriteAuthState>();
  const auth = basicOrPublicKeyAuth(deps.keys, deps.db);
  const buffer = (): BufferDeps => {
    if (!deps.blobs || !deps.queue) throw new ApiError('unavailable', 'Ingestion is not enabled on this instance');
    return { blobs: deps.blobs, queue: deps.queue, codec: deps.codec ?? 'none', logger: deps.logger };
  };
  const configLookup = (projectId: string): ConfigLookup => {
    const cache = new Map<string, Promise<ScoreConfig | null>>();
    return (configId) => {
      let found = cache.get(configId);
      if (!found) cache.set(configId, (found = getScoreConfig(deps.db, projectId, configId)));
      return found;
    };
  };

  router.post('/api/public/ingestion', auth, async (ctx) => {
    const { batch } = parseInput(ingestionRequest, await readJsonBody(ctx));
    const { projectId } = ctx.state.project;
    const validated = await validateBatch(batch, {
      accessLevel: ctx.state.accessLevel,
      lookupConfig: configLookup(projectId),
    });
    if (validated.accepted.length > 0) await bufferEvents(projectId, validated.accepted, buffer());
    ctx.status = 207;
    ctx.body = { successes: validated.successes, errors: validated.errors };
  });

  router.post('/api/public/scores', auth, async (ctx) => {
    const body = parseInput(createScoreBody, await readJsonBody(ctx));
    const { projectId } = ctx.state.project;
    const inflated = await inflateScore(body, configLookup(projectId));
    if (!inflated.ok) throw new ApiError('invalid_request', inflated.message);
    const event = { id: randomUUID(), timestamp: new Date().toISOString(), type: 'score-create' as const, body: inflated.score };
    await bufferEvents(projectId, [event], buffer());
    ctx.body = { id: inflated.score.id };
  });
  addLegacyObjectRoutes(router, auth, buffer);
  return router;
}
