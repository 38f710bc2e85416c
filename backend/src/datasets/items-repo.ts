import { sql, type Selectable, type Transaction } from 'kysely';
import { pageMetaOf } from '../clickhouse/index.js';
import type { Database } from '../postgres/index.js';
import type { DatasetItem } from './schemas.js';
import { type DatasetDb, type DatasetTables, toJsonb } from './tables.js';

type ItemRow = Selectable<DatasetTables['dataset_items']>;
type Trx = Transaction<Database & DatasetTables>;

/** The values of one item version, as stored. */
export interface ItemState {
  datasetId: string;
  status: 'ACTIVE' | 'ARCHIVED';
  input: unknown;
  expectedOutput: unknown;
  metadata: unknown;
  sourceTraceId: string | null;
  sourceObservationId: string | null;
  createdAt: Date;
}

/** The newest version of an item; a deletion is a version too. */
export interface CurrentItem extends ItemState {
  validFrom: Date;
  deleted: boolean;
}

/** The newest version of an item, locked for the rest of the transaction. */
export async function lockCurrentItem(trx: Trx, projectId: string, id: string): Promise<CurrentItem | undefined> {
  const row = await trx
    .selectFrom('dataset_items')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .where('valid_to', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...stateOf(row), validFrom: row.valid_from, deleted: row.is_deleted };
}

/**
 * Writes a new version: closes the current row (if any) and inserts `state` valid from now. Versions of
 * one item get strictly increasing millisecond timestamps, so `?version=<updatedAt>` finds exactly one.
 */
export async function writeItemVersion(
  trx: Trx,
  projectId: string,
  id: string,
  state: ItemState,
  previous: Date | undefined,
  options: { deleted?: boolean } = {},
): Promise<Date> {
  const { now } = await sql<{ now: Date }>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`
    .execute(trx)
    .then((r) => r.rows[0]!);
  const validFrom = previous && now.getTime() <= previous.getTime() ? new Date(previous.getTime() + 1) : now;
  if (previous) {
    await trx
      .updateTable('dataset_items')
      .set({ valid_to: validFrom })
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .where('valid_to', 'is', null)
      .execute();
  }
  await trx
    .insertInto('dataset_items')
    .values({
      project_id: projectId,
      id,
      dataset_id: state.datasetId,
      status: state.status,
      input: toJsonb(state.input),
      expected_output: toJsonb(state.expectedOutput),
      metadata: toJsonb(state.metadata),
      source_trace_id: state.sourceTraceId,
      source_observation_id: state.sourceObservationId,
      created_at: state.createdAt,
      valid_from: validFrom,
      is_deleted: options.deleted ?? false,
    })
    .execute();
  return validFrom;
}

export interface ItemFilter {
  datasetId?: string;
  ids?: readonly string[];
  sourceTraceId?: string;
  sourceObservationId?: string;
  /** State at this time; default now. */
  version?: Date;
}

/** Items (live at `version`, or now) with their dataset's name; newest first. */
function itemsQuery(db: DatasetDb, projectId: string, filter: ItemFilter) {
  let query = db
    .selectFrom('dataset_items as i')
    .innerJoin('datasets as d', 'd.id', 'i.dataset_id')
    .where('i.project_id', '=', projectId)
    .where('i.is_deleted', '=', false);
  if (filter.version) {
    const at = filter.version;
    query = query.where('i.valid_from', '<=', at).where((eb) => eb.or([eb('i.valid_to', 'is', null), eb('i.valid_to', '>', at)]));
  } else {
    query = query.where('i.valid_to', 'is', null);
  }
  if (filter.datasetId) query = query.where('i.dataset_id', '=', filter.datasetId);
  if (filter.ids) query = query.where('i.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['']);
  if (filter.sourceTraceId) query = query.where('i.source_trace_id', '=', filter.sourceTraceId);
  if (filter.sourceObservationId) query = query.where('i.source_observation_id', '=', filter.sourceObservationId);
  return query;
}

export async function findItems(db: DatasetDb, projectId: string, filter: ItemFilter): Promise<DatasetItem[]> {
  const rows = await itemsQuery(db, projectId, filter).selectAll('i').select('d.name as dataset_name').orderBy('i.created_at', 'desc').orderBy('i.id').execute();
  return rows.map(toItem);
}

export async function listItems(db: DatasetDb, projectId: string, filter: ItemFilter, page: number, limit: number) {
  const [rows, count] = await Promise.all([
    itemsQuery(db, projectId, filter)
      .selectAll('i')
      .select('d.name as dataset_name')
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id')
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    itemsQuery(db, projectId, filter)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toItem), meta: pageMetaOf(page, limit, Number(count.n)) };
}

function stateOf(row: ItemRow): ItemState {
  return {
    datasetId: row.dataset_id,
    status: row.status as ItemState['status'],
    input: row.input,
    expectedOutput: row.expected_output,
    metadata: row.metadata,
    sourceTraceId: row.source_trace_id,
    sourceObservationId: row.source_observation_id,
    createdAt: row.created_at,
  };
}

function toItem(row: ItemRow & { dataset_name: string }): DatasetItem {
  return {
    id: row.id,
    status: row.status as ItemState['status'],
    input: row.input ?? null,
    expectedOutput: row.expected_output ?? null,
    metadata: row.metadata ?? null,
    sourceTraceId: row.source_trace_id,
    sourceObservationId: row.source_observation_id,
    datasetId: row.dataset_id,
    datasetName: row.dataset_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.valid_from.toISOString(),
    mediaReferences: [],
  };
}
