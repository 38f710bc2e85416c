import type { ClickHouseClient } from '@clickhouse/client';
import Router from '@koa/router';
import { LEVELS, OBSERVATION_TYPES } from '@spanlight/collector';
import { z } from 'zod';
import { FIELD_GROUPS, decodeCursor, getObservation, listObservations, listObservationsV2 } from '../../clickhouse/index.js';
import { ApiError, notFound } from '../../errors.js';
import type { AuthState } from '../middleware/auth.js';
import { parseInput } from '../query.js';
import { booleanString, isoTimestamp, optionalString, pagination, repeatable } from './params.js';

const filters = {
  name: optionalString,
  userId: optionalString,
  type: z.preprocess((v) => (v === '' ? undefined : v), z.enum(OBSERVATION_TYPES).optional()),
  traceId: optionalString,
  level: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LEVELS).optional()),
  // An empty value is meaningful here: observations without a parent.
  parentObservationId: z.string().optional(),
  environment: repeatable,
  fromStartTime: isoTimestamp,
  toStartTime: isoTimestamp,
  version: optionalString,
};

const v1Query = z.object({ ...pagination(100), ...filters });

const v2Query = z.object({
  ...filters,
  sessionId: optionalString,
  isRootObservation: booleanString,
  limit: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(1000).default(50)),
  cursor: optionalString,
  // Unknown groups are ignored, as Langfuse does.
  fields: optionalString.transform((v) =>
    v === undefined ? ['core' as const, 'basic' as const] : FIELD_GROUPS.filter((g) => v.split(',').map((s) => s.trim()).includes(g)),
  ),
  expandMetadata: optionalString,
  parseIoAsJson: z.preprocess((v) => (v === '' ? undefined : v), z.literal('false').optional()),
});

/** `GET /api/public/observations[/:id]` (v1, page-based) and `GET /api/public/v2/observations` (cursor-based). */
export function observationsRoutes(deps: { clickhouse: ClickHouseClient }): Router<AuthState> {
  const router = new Router<AuthState>();
  router.get('/api/public/observations', async (ctx) => {
    const { page, limit, ...filter } = parseInput(v1Query, ctx.query);
    ctx.body = await listObservations(deps.clickhouse, ctx.state.project.projectId, filter, { page, limit });
  });
  router.get('/api/public/observations/:observationId', async (ctx) => {
    const observation = await getObservation(deps.clickhouse, ctx.state.project.projectId, ctx.params.observationId!);
    if (!observation) throw notFound('Observation');
    ctx.body = observation;
  });
  router.get('/api/public/v2/observations', async (ctx) => {
    const { limit, cursor: cursorText, fields, expandMetadata: _expand, parseIoAsJson: _raw, ...filter } = parseInput(v2Query, ctx.query);
    const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
    if (cursor === null) throw new ApiError('invalid_request', 'Invalid cursor');
    ctx.body = await listObservationsV2(deps.clickhouse, ctx.state.project.projectId, filter, { fields, limit, cursor });
  });
  return router;
}
