import type { ClickHouseClient } from '@clickhouse/client';
import type Router from '@koa/router';
import type { ApiKeyVerifier, BatchCodec, BatchQueue, BlobStore, Logger } from '@spanlight/collector';
import Koa from 'koa';
import type { Kysely } from 'kysely';
import { commentsRoutes } from '../comments/index.js';
import { datasetsRoutes } from '../datasets/index.js';
import { ingestionRoutes } from '../ingestion/index.js';
import { mediaRoutes, mediaTokenRoutes, type MediaStore } from '../media/index.js';
import { modelsRoutes, type ModelCatalog } from '../models/index.js';
import type { Database } from '../postgres/index.js';
import { promptsRoutes, type PromptCache } from '../prompts/index.js';
import { scoreConfigRoutes, scoresRoutes } from '../scores/index.js';
import { basicAuth } from './middleware/auth.js';
import { errorMiddleware } from './middleware/errors.js';
import { healthRoutes } from './routes/health.js';
import { readRoutes } from './routes/index.js';
import { projectsRoutes } from './routes/projects.js';

export interface ApiDeps {
  db: Kysely<Database>;
  clickhouse: ClickHouseClient;
  keys: ApiKeyVerifier;
  logger: Logger;
  /** OTLP/HTTP routes served on the API port too; they authenticate and answer in OTLP's own way. */
  otlpRoutes?: Router;
  /** Model definitions snapshot the OTLP receivers price with; refreshed after model writes. */
  modelCatalog?: ModelCatalog;
  /** Prompt read cache (Redis-backed when REDIS_URL is set); an in-process one when absent. */
  promptCache?: PromptCache;
  /** The durable buffer `POST /api/public/ingestion` and `/scores` write to (the OTLP receivers' one). */
  blobs?: BlobStore;
  queue?: BatchQueue;
  codec?: BatchCodec;
  /** Where media uploads go (S3 in distributed mode, files in the data dir embedded); media routes answer 503 without it. */
  media?: MediaStore;
}

/** The public API: health first, OTLP next (own auth and error format), then the Basic-auth REST routes. */
export function createApiApp(deps: ApiDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(errorMiddleware(deps.logger));
  app.use(healthRoutes(deps).routes());
  if (deps.otlpRoutes) app.use(deps.otlpRoutes.routes());
  // Score writes also accept Bearer public-key auth, which the app-wide Basic auth below would refuse.
  app.use(ingestionRoutes(deps).routes());
  // The local media store's upload/download URLs authenticate by signed token, not Basic auth.
  app.use(mediaTokenRoutes(deps).routes());
  app.use(basicAuth(deps.keys));
  const routers = [
    projectsRoutes(deps),
    ...readRoutes(deps),
    scoresRoutes(deps),
    scoreConfigRoutes(deps),
    modelsRoutes(deps),
    promptsRoutes(deps),
    datasetsRoutes(deps),
    commentsRoutes(deps),
    mediaRoutes(deps),
  ];
  for (const router of routers) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  return app;
}
