import type { ClickHouseClient } from '@clickhouse/client';
import { nullIfEmpty, pageMetaOf, selectRows, toDateTime64, toIso, type Params } from '../clickhouse/index.js';
import type { DatasetRunItem } from './schemas.js';

/** One row of clickhouse/0003_dataset_run_items.sql, as written (timestamps as ISO strings). */
export interface RunItemRecord {
  projectId: string;
  datasetId: string;
  runId: string;
  runName: string;
  runDescription: string | null;
  runMetadata: unknown;
  runCreatedAt: string;
  id: string;
  datasetItemId: string;
  traceId: string;
  observationId: string | null;
  itemInput: unknown;
  itemExpectedOutput: unknown;
  itemMetadata: unknown;
  itemVersion: string | null;
  createdAt: string;
}

const jsonText = (value: unknown): string => (value === undefined || value === null ? '' : JSON.stringify(value));

export async function insertRunItem(client: ClickHouseClient, item: RunItemRecord): Promise<void> {
  await client.insert({
    table: 'dataset_run_items',
    format: 'JSONEachRow',
    values: [
      {
        project_id: item.projectId,
        dataset_id: item.datasetId,
        dataset_run_id: item.runId,
        id: item.id,
        dataset_item_id: item.datasetItemId,
        trace_id: item.traceId,
        observation_id: item.observationId ?? '',
        dataset_run_name: item.runName,
        dataset_run_description: item.runDescription ?? '',
        dataset_run_metadata: jsonText(item.runMetadata),
        dataset_run_created_at: toDateTime64(item.runCreatedAt),
        dataset_item_input: jsonText(item.itemInput),
        dataset_item_expected_output: jsonText(item.itemExpectedOutput),
        dataset_item_metadata: jsonText(item.itemMetadata),
        dataset_item_version: item.itemVersion === null ? null : toDateTime64(item.itemVersion),
        created_at: toDateTime64(item.createdAt),
        event_ts: toDateTime64(new Date().toISOString()),
      },
    ],
  });
}

const COLUMNS = [
  'id', 'dataset_id', 'dataset_run_id', 'dataset_run_name', 'dataset_item_id', 'trace_id', 'observation_id', 'created_at', 'event_ts',
] as const;
type RunItemRow = Record<(typeof COLUMNS)[number], string>;

/** Where a run item may be selected by: columns that never change between versions of a row. */
export interface RunItemScope {
  datasetId?: string;
  runIds?: readonly string[];
  datasetItemId?: string;
}

function conditions(scope: RunItemScope): string[] {
  return [
    'project_id = {projectId: String}',
    ...(scope.datasetId !== undefined ? ['dataset_id = {datasetId: String}'] : []),
    ...(scope.runIds !== undefined ? ['dataset_run_id IN {runIds: Array(String)}'] : []),
    ...(scope.datasetItemId !== undefined ? ['dataset_item_id = {datasetItemId: String}'] : []),
  ];
}

/** The newest live version of each run item in scope (ReplacingMergeTree collapses versions only eventually). */
export function latestRunItems(scope: RunItemScope, columns: readonly string[] = COLUMNS): string {
  return `(SELECT * EXCEPT (is_deleted) FROM (
    SELECT ${[...columns, 'is_deleted'].join(', ')} FROM dataset_run_items WHERE ${conditions(scope).join(' AND ')}
    ORDER BY event_ts DESC LIMIT 1 BY id
  ) WHERE is_deleted = 0)`;
}

const params = (projectId: string, scope: RunItemScope): Params => ({ projectId, ...scope });

/** A run's items, oldest first; all of them without `page`. */
export async function listRunItems(
  client: ClickHouseClient,
  projectId: string,
  scope: { datasetId: string; runId: string },
  page?: { page: number; limit: number },
) {
  const s: RunItemScope = { datasetId: scope.datasetId, runIds: [scope.runId] };
  const paging = page ? `LIMIT {limit: UInt32} OFFSET {offset: UInt32}` : '';
  const [rows, count] = await Promise.all([
    selectRows<RunItemRow>(client, `SELECT * FROM ${latestRunItems(s)} ORDER BY created_at, id ${paging}`, {
      ...params(projectId, s),
      ...(page && { limit: page.limit, offset: (page.page - 1) * page.limit }),
    }),
    page ? selectRows<{ n: number }>(client, `SELECT count() AS n FROM ${latestRunItems(s, ['id'])}`, params(projectId, s)) : undefined,
  ]);
  const data = rows.map(toRunItem);
  return { data, meta: page ? pageMetaOf(page.page, page.limit, count![0]!.n) : pageMetaOf(1, Math.max(data.length, 1), data.length) };
}

/** Deletes every run item in scope by writing a deleted version of each. */
export async function deleteRunItems(client: ClickHouseClient, projectId: string, scope: RunItemScope): Promise<void> {
  const columns = [
    'project_id', 'dataset_id', 'dataset_run_id', 'id', 'dataset_item_id', 'trace_id', 'observation_id', 'dataset_run_name',
    'dataset_run_description', 'dataset_run_metadata', 'dataset_run_created_at', 'dataset_item_input',
    'dataset_item_expected_output', 'dataset_item_metadata', 'dataset_item_version', 'created_at',
  ];
  await client.command({
    query: `INSERT INTO dataset_run_items (${columns.join(', ')}, event_ts, is_deleted)
      SELECT ${columns.join(', ')}, now64(6), 1 FROM ${latestRunItems(scope, columns.concat('event_ts'))}`,
    query_params: params(projectId, scope),
  });
}

function toRunItem(row: RunItemRow): DatasetRunItem {
  return {
    id: row.id,
    datasetRunId: row.dataset_run_id,
    datasetRunName: row.dataset_run_name,
    datasetItemId: row.dataset_item_id,
    traceId: row.trace_id,
    observationId: nullIfEmpty(row.observation_id),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.event_ts),
  };
}
