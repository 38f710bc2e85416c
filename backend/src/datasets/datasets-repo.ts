import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { pageMetaOf } from '../clickhouse/index.js';
import type { Dataset } from './schemas.js';
import { type DatasetDb, type DatasetTables, toJsonb } from './tables.js';

type DatasetRow = Selectable<DatasetTables['datasets']>;

export interface DatasetUpsert {
  name: string;
  description?: string | null;
  metadata?: unknown;
  inputSchema?: unknown;
  expectedOutputSchema?: unknown;
}

/** Creates the dataset or updates the fields given (a field left out keeps its value). */
export async function upsertDataset(db: DatasetDb, projectId: string, input: DatasetUpsert): Promise<Dataset> {
  const set = {
    ...(input.description !== undefined && { description: input.description }),
    ...(input.metadata !== undefined && { metadata: toJsonb(input.metadata) }),
    ...(input.inputSchema !== undefined && { input_schema: toJsonb(input.inputSchema) }),
    ...(input.expectedOutputSchema !== undefined && { expected_output_schema: toJsonb(input.expectedOutputSchema) }),
  };
  const row = await db
    .insertInto('datasets')
    .values({
      id: randomUUID(),
      project_id: projectId,
      name: input.name,
      description: input.description ?? null,
      metadata: toJsonb(input.metadata),
      input_schema: toJsonb(input.inputSchema),
      expected_output_schema: toJsonb(input.expectedOutputSchema),
    })
    .onConflict((oc) => oc.columns(['project_id', 'name']).doUpdateSet({ ...set, updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDataset(row);
}

export async function findDatasetByName(db: DatasetDb, projectId: string, name: string): Promise<Dataset | undefined> {
  const row = await db
    .selectFrom('datasets')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toDataset(row);
}

export async function findDatasetById(db: DatasetDb, projectId: string, id: string): Promise<Dataset | undefined> {
  const row = await db.selectFrom('datasets').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
  return row && toDataset(row);
}

/** Newest first, page-based. */
export async function listDatasets(db: DatasetDb, projectId: string, page: number, limit: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('datasets')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    db.selectFrom('datasets').select((eb) => eb.fn.countAll<string>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toDataset), meta: pageMetaOf(page, limit, Number(count.n)) };
}

function toDataset(row: DatasetRow): Dataset {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    metadata: row.metadata ?? null,
    inputSchema: row.input_schema ?? null,
    expectedOutputSchema: row.expected_output_schema ?? null,
    projectId: row.project_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
