import type { ClickHouseClient } from '@clickhouse/client';
import Router from '@koa/router';
import { z } from 'zod';
import { TRACE_ORDER_FIELDS, getTrace, listTraces } from '../../clickhouse/index.js';
import { notFound } from '../../errors.js';
import type { AuthState } from '../middleware/auth.js';
import { parseInput } from '../query.js';
import { isoTimestamp, optionalString, pagination, repeatable } from './params.js';

const orderBy = z
  .string()
  .regex(new RegExp(`^(${TRACE_ORDER_FIELDS.join('|')})\\.(asc|desc)$`), `expected field.asc|desc with field one of ${TRACE_ORDER_FIELDS.join(', ')}`)
  .transform((v) => {
    const [field, direction] = v.split('.') as [(typeof TRACE_ORDER_FIELDS)[number], 'asc' | 'desc'];
    return { field, direction };
  });

const listQuery = z.object({
  ...pagination(100),
  userId: optionalString,
  sessionId: optionalString,
  name: optionalString,
  tags: repeatable,
  fromTimestamp: isoTimestamp,
  toTimestamp: isoTimestamp,
  orderBy: z.preprocess((v) => (v === '' ? undefined : v), orderBy.optional()),
  version: repeatable,
  release: repeatable,
  environment: repeatable,
});

/** `GET /api/public/traces` and `GET /api/public/traces/:traceId`. */
export function tracesRoutes(deps: { clickhouse: ClickHouseClient }): Router<AuthState> {
  const router = new Router<AuthState>();
  router.get('/api/public/traces', async (ctx) => {
    const { page, limit, orderBy, ...filter } = parseInput(listQuery, ctx.query);
    ctx.body = await listTraces(deps.clickhouse, ctx.state.project.projectId, filter, {
      page,
      limit,
      orderBy: orderBy ?? { field: 'timestamp', direction: 'desc' },
    });
  });
  router.get('/api/public/traces/:traceId', async (ctx) => {
    const trace = await getTrace(deps.clickhouse, ctx.state.project.projectId, ctx.params.traceId!);
    if (!trace) throw notFound('Trace');
    ctx.body = trace;
  });
  return router;
}
