import type { ClickHouseClient } from '@clickhouse/client';
import Router from '@koa/router';
import type { Kysely } from 'kysely';
import type { AuthState } from '../api/middleware/auth.js';
import { parseInput } from '../api/query.js';
import type { Database } from '../postgres/index.js';
import { readJsonBody } from '../api/body.js';
import { listDatasets } from './datasets-repo.js';
import { createDataset, getLegacyDataset, withItemsAndRuns } from './datasets-service.js';
import { type DatasetsDeps, deleteItem, getItem, listDatasetItems, requireDataset, upsertItem } from './items-service.js';
import { listRuns } from './runs-repo.js';
import { createRunItem, deleteRunByName, getRunWithItems, listRunItemsOf } from './runs-service.js';
import { createDatasetBody, createDatasetItemBody, createDatasetRunItemBody, listItemsQuery, listQuery, listRunItemsQuery } from './schemas.js';
import { datasetDb } from './tables.js';

/**
 * Datasets and experiments: `/v2/datasets`, the legacy `/datasets` routes (with runs), `/dataset-items`
 * and `/dataset-run-items`, all scoped to the caller's project.
 */
export function datasetsRoutes(deps: { db: Kysely<Database>; clickhouse: ClickHouseClient }): Router<AuthState> {
  const d: DatasetsDeps = { db: datasetDb(deps.db), clickhouse: deps.clickhouse };
  const router = new Router<AuthState>({ prefix: '/api/public' });

  router.get(['/v2/datasets', '/datasets'], async (ctx) => {
    const { page, limit } = parseInput(listQuery, ctx.query);
    const projectId = ctx.state.project.projectId;
    const result = await listDatasets(d.db, projectId, page, limit);
    const legacy = !ctx.path.includes('/v2/');
    ctx.body = legacy ? { ...result, data: await Promise.all(result.data.map((ds) => withItemsAndRuns(d, projectId, ds))) } : result;
  });
  router.post(['/v2/datasets', '/datasets'], async (ctx) => {
    ctx.body = await createDataset(d, ctx.state.project.projectId, parseInput(createDatasetBody, await readJsonBody(ctx)));
  });
  router.get('/v2/datasets/:name', async (ctx) => {
    ctx.body = await requireDataset(d, ctx.state.project.projectId, ctx.params.name!);
  });
  router.get('/datasets/:name', async (ctx) => {
    ctx.body = await getLegacyDataset(d, ctx.state.project.projectId, ctx.params.name!);
  });

  router.get('/datasets/:name/runs', async (ctx) => {
    const { page, limit } = parseInput(listQuery, ctx.query);
    const projectId = ctx.state.project.projectId;
    ctx.body = await listRuns(d.db, projectId, await requireDataset(d, projectId, ctx.params.name!), page, limit);
  });
  router.get('/datasets/:name/runs/:run', async (ctx) => {
    ctx.body = await getRunWithItems(d, ctx.state.project.projectId, ctx.params.name!, ctx.params.run!);
  });
  router.delete('/datasets/:name/runs/:run', async (ctx) => {
    ctx.body = await deleteRunByName(d, ctx.state.project.projectId, ctx.params.name!, ctx.params.run!);
  });

  router.post('/dataset-items', async (ctx) => {
    ctx.body = await upsertItem(d, ctx.state.project.projectId, parseInput(createDatasetItemBody, await readJsonBody(ctx)));
  });
  router.get('/dataset-items', async (ctx) => {
    ctx.body = await listDatasetItems(d, ctx.state.project.projectId, parseInput(listItemsQuery, ctx.query));
  });
  router.get('/dataset-items/:id', async (ctx) => {
    ctx.body = await getItem(d, ctx.state.project.projectId, ctx.params.id!);
  });
  router.delete('/dataset-items/:id', async (ctx) => {
    ctx.body = await deleteItem(d, ctx.state.project.projectId, ctx.params.id!);
  });

  router.post('/dataset-run-items', async (ctx) => {
    ctx.body = await createRunItem(d, ctx.state.project.projectId, parseInput(createDatasetRunItemBody, await readJsonBody(ctx)));
  });
  router.get('/dataset-run-items', async (ctx) => {
    ctx.body = await listRunItemsOf(d, ctx.state.project.projectId, parseInput(listRunItemsQuery, ctx.query));
  });
  return router;
}
