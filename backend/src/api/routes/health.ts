import Router from '@koa/router';
import type { ClickHouseClient } from '@clickhouse/client';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../postgres/index.js';
import { VERSION } from '../../version.js';

export interface HealthDeps {
  db?: Kysely<Database>;
  clickhouse?: ClickHouseClient;
}

/** Unauthenticated liveness and readiness (Kubernetes probes, load balancers, SDK health checks). */
export function healthRoutes(deps: HealthDeps): Router {
  const router = new Router();
  router.get('/api/public/health', async (ctx) => {
    const unavailable = ctx.query.failIfDatabaseUnavailable === 'true' ? await unavailableStores(deps) : [];
    ctx.status = unavailable.length === 0 ? 200 : 503;
    ctx.body = unavailable.length === 0 ? { status: 'OK', version: VERSION } : { status: 'Database not available', version: VERSION };
  });
  router.get('/api/public/ready', async (ctx) => {
    const unavailable = await unavailableStores(deps);
    ctx.status = unavailable.length === 0 ? 200 : 503;
    ctx.body = { status: unavailable.length === 0 ? 'OK' : `unavailable: ${unavailable.join(', ')}` };
  });
  return router;
}

async function unavailableStores({ db, clickhouse }: HealthDeps): Promise<string[]> {
  const checks = await Promise.all([
    db ? sql`select 1`.execute(db).then(() => true, () => false) : true,
    clickhouse ? clickhouse.ping().then((r) => r.success, () => false) : true,
  ]);
  return (['postgres', 'clickhouse'] as const).filter((_, i) => !checks[i]);
}
