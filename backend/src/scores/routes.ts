import type { ClickHouseClient } from '@clickhouse/client';
import Router from '@koa/router';
import { z } from 'zod';
import type { AuthState } from '../api/middleware/auth.js';
import { parseInput } from '../api/query.js';
import { isoTimestamp, optionalString, pagination, repeatable } from '../api/routes/params.js';
import { notFound } from '../errors.js';
import { VALUE_OPERATORS, getScore, listScores, listScoresAfter, type ScoreCursor } from './score-reads.js';
import { deleteScore } from './score-writer.js';
import { toScoreV2, toScoreV3 } from './views.js';

const absent = (v: unknown) => (v === '' ? undefined : v);
const commaList = z.preprocess(
  absent,
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .optional(),
);
const optionalNumber = z.preprocess(absent, z.coerce.number().optional());
const dataType = z.preprocess(absent, z.enum(['NUMERIC', 'BOOLEAN', 'CATEGORICAL', 'TEXT']).optional());
const source = z.preprocess(absent, z.enum(['API', 'EVAL', 'ANNOTATION']).optional());

const v2Query = z
  .object({
    ...pagination(100),
    userId: optionalString,
    name: optionalString,
    fromTimestamp: isoTimestamp,
    toTimestamp: isoTimestamp,
    environment: repeatable,
    source,
    operator: z.preprocess(absent, z.enum(VALUE_OPERATORS).optional()),
    value: optionalNumber,
    scoreIds: commaList,
    configId: optionalString,
    sessionId: optionalString,
    datasetRunId: optionalString,
    traceId: optionalString,
    observationId: commaList,
    queueId: optionalString,
    dataType,
    traceTags: repeatable,
  })
  .refine((q) => (q.operator === undefined) === (q.value === undefined), {
    message: 'operator and value must be given together',
  });

const cursor = z.preprocess(
  absent,
  z
    .string()
    .transform((v, ctx): ScoreCursor | typeof z.NEVER => {
      try {
        const parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as ScoreCursor;
        if (typeof parsed.timestamp === 'string' && typeof parsed.id === 'string') return parsed;
      } catch {
        // falls through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: 'invalid cursor' });
      return z.NEVER;
    })
    .optional(),
);

const v3Query = z.object({
  limit: z.preprocess(absent, z.coerce.number().int().min(1).max(100).default(50)),
  cursor,
  id: commaList,
  name: optionalString,
  source,
  dataType,
  environment: repeatable,
  configId: optionalString,
  queueId: optionalString,
  authorUserId: optionalString,
  value: optionalString,
  valueMin: optionalNumber,
  valueMax: optionalNumber,
  traceId: optionalString,
  sessionId: optionalString,
  observationId: commaList,
  experimentId: optionalString,
  fromTimestamp: isoTimestamp,
  toTimestamp: isoTimestamp,
});

/** Score reads (v1 legacy, v2, v3 cursor) and `DELETE /api/public/scores/:scoreId`. */
export function scoresRoutes(deps: { clickhouse: ClickHouseClient }): Router<AuthState> {
  const router = new Router<AuthState>();
  const list = async (ctx: Router.RouterContext<AuthState>) => {
    const q = parseInput(v2Query, ctx.query);
    const { page, limit } = q;
    const { rows, totalItems } = await listScores(
      deps.clickhouse,
      ctx.state.project.projectId,
      {
        ...q,
        ids: q.scoreIds,
        observationIds: q.observationId,
        value: q.operator !== undefined && q.value !== undefined ? { operator: q.operator, value: q.value } : undefined,
      },
      { page, limit },
    );
    ctx.body = { data: rows.map(toScoreV2), meta: { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) } };
  };
  const getOne = async (ctx: Router.RouterContext<AuthState>) => {
    const row = await getScore(deps.clickhouse, ctx.state.project.projectId, ctx.params.scoreId!);
    if (!row) throw notFound('Score');
    ctx.body = toScoreV2(row);
  };
  router.get('/api/public/scores', list);
  router.get('/api/public/v2/scores', list);
  router.get('/api/public/scores/:scoreId', getOne);
  router.get('/api/public/v2/scores/:scoreId', getOne);
  router.get('/api/public/v3/scores', async (ctx) => {
    const q = parseInput(v3Query, ctx.query);
    const numeric = q.value !== undefined && q.value.trim() !== '' && Number.isFinite(Number(q.value));
    const { projectId } = ctx.state.project;
    const { rows, next } = await listScoresAfter(
      deps.clickhouse,
      projectId,
      {
        ...q,
        ids: q.id,
        observationIds: q.observationId,
        datasetRunId: q.experimentId,
        value: numeric ? { operator: '=', value: Number(q.value) } : undefined,
        stringValue: numeric ? undefined : q.value,
      },
      q.limit,
      q.cursor,
    );
    const meta: Record<string, unknown> = { limit: q.limit };
    if (next) meta.cursor = Buffer.from(JSON.stringify(next)).toString('base64url');
    ctx.body = { data: rows.map((row) => toScoreV3(projectId, row)), meta };
  });
  router.delete('/api/public/scores/:scoreId', async (ctx) => {
    const deleted = await deleteScore(deps.clickhouse, ctx.state.project.projectId, ctx.params.scoreId!);
    if (!deleted) throw notFound('Score');
    ctx.status = 202;
    ctx.body = { message: 'Score deleted' };
  });
  return router;
}
