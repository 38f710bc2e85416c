import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { pageMetaOf } from '../clickhouse/index.js';
import type { Dataset, DatasetRun } from './schemas.js';
import { type DatasetDb, type DatasetTables, toJsonb } from './tables.js';

type RunRow = Selectable<DatasetTables['dataset_runs']>;

/** Gets the run by name, creating it on first use; a given description/metadata updates an existing run. */
export async function upsertRun(
  db: DatasetDb,
  projectId: string,
  dataset: Dataset,
  input: { name: string; description?: string | null; metadata?: unknown },
): Promise<DatasetRun> {
  const set = {
    ...(input.description != null && { description: input.description }),
    ...(input.metadata != null && { metadata: toJsonb(input.metadata) }),
  };
  const row = await db
    .insertInto('dataset_runs')
    .values({
      id: randomUUID(),
      project_id: projectId,
      dataset_id: dataset.id,
      name: input.name,
      description: input.description ?? null,
      metadata: toJsonb(input.metadata),
    })
    .onConflict((oc) =>
      // A no-op update still returns the existing row, which DO NOTHING would not.
      oc.columns(['project_id', 'dataset_id', 'name']).doUpdateSet(Object.keys(set).length > 0 ? { ...set, updated_at: sql`now()` } : { name: input.name }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRun(row, dataset.name);
}

export async function findRun(db: DatasetDb, projectId: string, dataset: Dataset, name: string): Promise<DatasetRun | undefined> {
  const row = await db
    .selectFrom('dataset_runs')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('dataset_id', '=', dataset.id)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toRun(row, dataset.name);
}

/** Newest first. */
export async function listRuns(db: DatasetDb, projectId: string, dataset: Dataset, page: number, limit: number) {
  const base = db.selectFrom('dataset_runs').where('project_id', '=', projectId).where('dataset_id', '=', dataset.id);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset((page - 1) * limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map((r) => toRun(r, dataset.name)), meta: pageMetaOf(page, limit, Number(count.n)) };
}

export async function runNames(db: DatasetDb, projectId: string, datasetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dataset_runs')
    .select('name')
    .where('project_id', '=', projectId)
    .where('dataset_id', '=', datasetId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.name);
}

export async function deleteRun(db: DatasetDb, projectId: string, runId: string): Promise<void> {
  await db.deleteFrom('dataset_runs').where('project_id', '=', projectId).where('id', '=', runId).execute();
}

function toRun(row: RunRow, datasetName: string): DatasetRun {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    metadata: row.metadata ?? null,
    datasetId: row.dataset_id,
    datasetName,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
