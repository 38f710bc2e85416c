import type { ClickHouseClient } from '@clickhouse/client';
import Router from '@koa/router';
import { z } from 'zod';
import { getSession, listSessions } from '../../clickhouse/index.js';
import { notFound } from '../../errors.js';
import type { AuthState } from '../middleware/auth.js';
import { parseInput } from '../query.js';
import { isoTimestamp, pagination, repeatable } from './params.js';

const listQuery = z.object({
  ...pagination(100),
  fromTimestamp: isoTimestamp,
  toTimestamp: isoTimestamp,
  environment: repeatable,
});

/** `GET /api/public/sessions` and `GET /api/public/sessions/:sessionId`. */
export function sessionsRoutes(deps: { clickhouse: ClickHouseClient }): Router<AuthState> {
  const router = new Router<AuthState>();
  router.get('/api/public/sessions', async (ctx) => {
    const { page, limit, ...filter } = parseInput(listQuery, ctx.query);
    ctx.body = await listSessions(deps.clickhouse, ctx.state.project.projectId, filter, { page, limit });
  });
  router.get('/api/public/sessions/:sessionId', async (ctx) => {
    const session = await getSession(deps.clickhouse, ctx.state.project.projectId, ctx.params.sessionId!);
    if (!session) throw notFound('Session');
    ctx.body = session;
  });
  return router;
}
