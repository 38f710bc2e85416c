import { randomUUID } from 'node:crypto';
import { selectRows } from '../clickhouse/index.js';
import { ApiError, notFound } from '../errors.js';
import { findDatasetById } from './datasets-repo.js';
import { findItems } from './items-repo.js';
import { type DatasetsDeps, requireDataset } from './items-service.js';
import { deleteRunItems, insertRunItem, listRunItems } from './run-items-repo.js';
import { deleteRun, findRun, upsertRun } from './runs-repo.js';
import type { CreateDatasetRunItemBody, Dataset, DatasetRun, DatasetRunItem } from './schemas.js';

/**
 * Links a dataset item to the trace (and observation) produced for it in a run, creating the run on
 * first use. The item must be active (at `datasetVersion` when pinned); its state is snapshotted.
 */
export async function createRunItem(deps: DatasetsDeps, projectId: string, body: CreateDatasetRunItemBody): Promise<DatasetRunItem> {
  const version = body.datasetVersion ? new Date(body.datasetVersion) : undefined;
  const [item] = await findItems(deps.db, projectId, { ids: [body.datasetItemId], version });
  if (!item) throw notFound('Dataset item');
  if (item.status !== 'ACTIVE') throw new ApiError('invalid_request', `Dataset item ${item.id} is archived and cannot be added to a run`);
  const traceId = body.traceId ?? (body.observationId ? await traceOfObservation(deps, projectId, body.observationId) : undefined);
  if (!traceId) {
    throw new ApiError(
      'invalid_request',
      body.observationId ? `traceId is required: observation ${body.observationId} was not found` : 'traceId or observationId is required',
    );
  }
  const dataset = (await findDatasetById(deps.db, projectId, item.datasetId))!;
  const run = await upsertRun(deps.db, projectId, dataset, { name: body.runName, description: body.runDescription, metadata: body.metadata });
  const id = randomUUID();
  const createdAt = body.createdAt ? new Date(body.createdAt).toISOString() : new Date().toISOString();
  await insertRunItem(deps.clickhouse, {
    projectId,
    datasetId: dataset.id,
    runId: run.id,
    runName: run.name,
    runDescription: run.description,
    runMetadata: run.metadata,
    runCreatedAt: run.createdAt,
    id,
    datasetItemId: item.id,
    traceId,
    observationId: body.observationId ?? null,
    itemInput: item.input,
    itemExpectedOutput: item.expectedOutput,
    itemMetadata: item.metadata,
    itemVersion: item.updatedAt,
    createdAt,
  });
  return {
    id,
    datasetRunId: run.id,
    datasetRunName: run.name,
    datasetItemId: item.id,
    traceId,
    observationId: body.observationId ?? null,
    createdAt,
    updatedAt: createdAt,
  };
}

async function traceOfObservation(deps: DatasetsDeps, projectId: string, observationId: string): Promise<string | undefined> {
  const rows = await selectRows<{ trace_id: string }>(
    deps.clickhouse,
    'SELECT trace_id FROM observations WHERE project_id = {projectId: String} AND id = {observationId: String} LIMIT 1',
    { projectId, observationId },
  );
  return rows[0]?.trace_id;
}

export async function requireRun(deps: DatasetsDeps, projectId: string, dataset: Dataset, runName: string): Promise<DatasetRun> {
  const run = await findRun(deps.db, projectId, dataset, runName);
  if (!run) throw notFound('Dataset run');
  return run;
}

export async function getRunWithItems(deps: DatasetsDeps, projectId: string, datasetName: string, runName: string) {
  const dataset = await requireDataset(deps, projectId, datasetName);
  const run = await requireRun(deps, projectId, dataset, runName);
  const { data } = await listRunItems(deps.clickhouse, projectId, { datasetId: dataset.id, runId: run.id });
  return { ...run, datasetRunItems: data };
}

/** `GET /dataset-run-items?datasetId&runName`: a run's items, page by page. */
export async function listRunItemsOf(
  deps: DatasetsDeps,
  projectId: string,
  query: { datasetId: string; runName: string; page: number; limit: number },
) {
  const dataset = await findDatasetById(deps.db, projectId, query.datasetId);
  if (!dataset) throw notFound('Dataset');
  const run = await requireRun(deps, projectId, dataset, query.runName);
  return listRunItems(deps.clickhouse, projectId, { datasetId: dataset.id, runId: run.id }, query);
}

export async function deleteRunByName(deps: DatasetsDeps, projectId: string, datasetName: string, runName: string) {
  const dataset = await requireDataset(deps, projectId, datasetName);
  const run = await requireRun(deps, projectId, dataset, runName);
  await deleteRunItems(deps.clickhouse, projectId, { datasetId: dataset.id, runIds: [run.id] });
  await deleteRun(deps.db, projectId, run.id);
  return { message: 'Dataset run successfully deleted' };
}
