import type { ClickHouseClient } from '@clickhouse/client';
import type Router from '@koa/router';
import type { ApiKeyVerifier, Logger } from '@spanlight/collector';
import Koa from 'koa';
import type { Kysely } from 'kysely';
import type { Database } from '../postgres/index.js';
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
}

/** The public API: health first, OTLP next (own auth and error format), then the Basic-auth REST routes. */
export function createApiApp(deps: ApiDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(errorMiddleware(deps.logger));
  app.use(healthRoutes(deps).routes());
  if (deps.otlpRoutes) app.use(deps.otlpRoutes.routes());
  app.use(basicAuth(deps.keys));
  for (const router of [projectsRoutes(deps), ...readRoutes(deps)]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  return app;
}
