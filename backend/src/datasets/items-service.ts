import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError, notFound } from '../errors.js';
import { findDatasetByName } from './datasets-repo.js';
import { findItems, listItems, lockCurrentItem, writeItemVersion, type ItemState } from './items-repo.js';
import { checkItem } from './json-schema.js';
import { deleteRunItems } from './run-items-repo.js';
import type { CreateDatasetItemBody, Dataset, DatasetItem, ListItemsQuery } from './schemas.js';
import type { DatasetDb } from './tables.js';

export interface DatasetsDeps {
  db: DatasetDb;
  clickhouse: ClickHouseClient;
}

const UNIQUE_VIOLATION = '23505';

export async function requireDataset(deps: DatasetsDeps, projectId: string, name: string): Promise<Dataset> {
  const dataset = await findDatasetByName(deps.db, projectId, name);
  if (!dataset) throw notFound('Dataset');
  return dataset;
}

/**
 * Upserts an item as a new version: fields left out keep their stored value. An id lives in one
 * dataset of the project; the new state must match the dataset's JSON Schemas.
 */
export async function upsertItem(deps: DatasetsDeps, projectId: string, body: CreateDatasetItemBody): Promise<DatasetItem> {
  const dataset = await requireDataset(deps, projectId, body.datasetName);
  const id = body.id ?? randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.db.transaction().execute(async (trx) => {
        const current = await lockCurrentItem(trx, projectId, id);
        const live = current && !current.deleted ? current : undefined;
        if (live && live.datasetId !== dataset.id) {
          throw new ApiError('invalid_request', `Dataset item ${id} belongs to another dataset; item ids are unique per project`);
        }
        const state = mergeState(dataset, live, body);
        const violations = checkItem(dataset, state);
        if (violations.length > 0) {
          throw new ApiError('invalid_request', "Dataset item does not match the dataset's JSON Schema", violations);
        }
        await writeItemVersion(trx, projectId, id, state, current?.validFrom);
      });
      break;
    } catch (err) {
      // Two first writes of the same id race on the "one current row" index: the loser retries as an update.
      if (attempt > 0 || (err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
    }
  }
  return (await findItems(deps.db, projectId, { ids: [id] }))[0]!;
}

function mergeState(dataset: Dataset, live: ItemState | undefined, body: CreateDatasetItemBody): ItemState {
  const pick = <T>(given: T | undefined, stored: T | undefined, fallback: T): T => (given !== undefined ? given : (stored ?? fallback));
  return {
    datasetId: dataset.id,
    status: pick(body.status ?? undefined, live?.status, 'ACTIVE'),
    input: pick(body.input, live?.input, null),
    expectedOutput: pick(body.expectedOutput, live?.expectedOutput, null),
    metadata: pick(body.metadata, live?.metadata, null),
    sourceTraceId: pick(body.sourceTraceId, live?.sourceTraceId, null),
    sourceObservationId: pick(body.sourceObservationId, live?.sourceObservationId, null),
    createdAt: live?.createdAt ?? new Date(),
  };
}

/** The item now, or as it was at `version`. */
export async function getItem(deps: DatasetsDeps, projectId: string, id: string, version?: Date): Promise<DatasetItem> {
  const [item] = await findItems(deps.db, projectId, { ids: [id], version });
  if (!item) throw notFound('Dataset item');
  return item;
}

export async function listDatasetItems(deps: DatasetsDeps, projectId: string, query: ListItemsQuery) {
  const { page, limit, datasetName, version, ...filter } = query;
  if (version && !datasetName) throw new ApiError('invalid_request', 'The version parameter requires datasetName');
  const dataset = datasetName === undefined ? undefined : await requireDataset(deps, projectId, datasetName);
  return listItems(deps.db, projectId, { ...filter, datasetId: dataset?.id, version: version ? new Date(version) : undefined }, page, limit);
}

/** Deletes an item (its history stays readable through `version`) and its run items. */
export async function deleteItem(deps: DatasetsDeps, projectId: string, id: string): Promise<{ message: string }> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await lockCurrentItem(trx, projectId, id);
    if (!current || current.deleted) throw notFound('Dataset item');
    await writeItemVersion(trx, projectId, id, current, current.validFrom, { deleted: true });
  });
  await deleteRunItems(deps.clickhouse, projectId, { datasetItemId: id });
  return { message: 'Dataset item successfully deleted' };
}
