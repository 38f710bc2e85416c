import type { ClickHouseClient } from '@clickhouse/client';
import Router from '@koa/router';
import type { AuthState } from '../api/middleware/auth.js';
import { parseInput } from '../api/query.js';
import { notFound } from '../errors.js';
import { v2Query, v3Query } from './read-queries.js';
import { getScore, listScores, listScoresAfter } from './score-reads.js';
import { deleteScore } from './score-writer.js';
import { scoreTraces } from './trace-context.js';
import { toScoreV2, toScoreV3 } from './views.js';

/** The legacy v1 list never shows CORRECTION scores (Langfuse's LISTABLE_SCORE_TYPES). */
const V1_DATA_TYPES = ['NUMERIC', 'BOOLEAN', 'CATEGORICAL', 'TEXT'];

/** Score reads (v1 legacy, v2, v3 cursor) and `DELETE /api/public/scores/:scoreId`. */
export function scoresRoutes(deps: { clickhouse: ClickHouseClient }): Router<AuthState> {
  const router = new Router<AuthState>();
  const list = (version: 'v1' | 'v2') => async (ctx: Router.RouterContext<AuthState>) => {
    const q = parseInput(v2Query, ctx.query);
    const { page, limit } = q;
    const { projectId } = ctx.state.project;
    const { rows, totalItems } = await listScores(
      deps.clickhouse,
      projectId,
      {
        ...q,
        dataTypes: version === 'v1' ? V1_DATA_TYPES : undefined,
        ids: q.scoreIds,
        observationIds: q.observationId,
        value: q.operator !== undefined && q.value !== undefined ? { operator: q.operator, value: q.value } : undefined,
      },
      { page, limit },
    );
    const traces = q.fields.includes('trace')
      ? await scoreTraces(deps.clickhouse, projectId, rows.map((r) => r.trace_id))
      : undefined;
    const data = rows.map((row) =>
      traces ? { ...toScoreV2(row), trace: traces.get(row.trace_id) ?? null } : toScoreV2(row),
    );
    ctx.body = { data, meta: { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) } };
  };
  const getOne = async (ctx: Router.RouterContext<AuthState>) => {
    const row = await getScore(deps.clickhouse, ctx.state.project.projectId, ctx.params.scoreId!);
    if (!row) throw notFound('Score');
    ctx.body = toScoreV2(row);
  };
  router.get('/api/public/scores', list('v1'));
  router.get('/api/public/v2/scores', list('v2'));
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
    ctx.body = { data: rows.map((row) => toScoreV3(projectId, row, q.fields)), meta };
  });
  router.delete('/api/public/scores/:scoreId', async (ctx) => {
    const deleted = await deleteScore(deps.clickhouse, ctx.state.project.projectId, ctx.params.scoreId!);
    if (!deleted) throw notFound('Score');
    ctx.status = 202;
    ctx.body = { message: 'Score deleted' };
  });
  return router;
}
