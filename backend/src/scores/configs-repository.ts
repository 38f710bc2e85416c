import { randomUUID } from 'node:crypto';
import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../postgres/index.js';
import type { ConfigCategory, ConfigDataType, ScoreConfig } from './schemas.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Kysely type of postgres/0004_score_configs.sql. */
export type ScoreConfigTables = {
  score_configs: {
    id: string;
    project_id: string;
    name: string;
    data_type: string;
    is_archived: boolean;
    min_value: number | null;
    max_value: number | null;
    /** jsonb: written as JSON text, read back parsed. */
    categories: ColumnType<ConfigCategory[] | null, string | null, string | null>;
    description: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
};

type Db = Kysely<Database & ScoreConfigTables>;
const tables = (db: Kysely<Database>): Db => db.withTables<ScoreConfigTables>();

export interface ScoreConfigValues {
  name: string;
  dataType: ConfigDataType;
  isArchived: boolean;
  minValue: number | null;
  maxValue: number | null;
  categories: ConfigCategory[] | null;
  description: string | null;
}

export async function insertScoreConfig(db: Kysely<Database>, projectId: string, values: ScoreConfigValues): Promise<ScoreConfig> {
  const row = await tables(db)
    .insertInto('score_configs')
    .values({ id: randomUUID(), project_id: projectId, ...toColumns(values) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toScoreConfig(row);
}

export async function updateScoreConfig(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  values: ScoreConfigValues,
): Promise<ScoreConfig | null> {
  const row = await tables(db)
    .updateTable('score_configs')
    .set({ ...toColumns(values), updated_at: new Date() })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toScoreConfig(row) : null;
}

export async function getScoreConfig(db: Kysely<Database>, projectId: string, id: string): Promise<ScoreConfig | null> {
  const row = await tables(db)
    .selectFrom('score_configs')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toScoreConfig(row) : null;
}

export async function listScoreConfigs(
  db: Kysely<Database>,
  projectId: string,
  page: { page: number; limit: number },
): Promise<{ data: ScoreConfig[]; totalItems: number }> {
  const base = tables(db).selectFrom('score_configs').where('project_id', '=', projectId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset((page.page - 1) * page.limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toScoreConfig), totalItems: Number(count.n) };
}

function toColumns(values: ScoreConfigValues) {
  return {
    name: values.name,
    data_type: values.dataType,
    is_archived: values.isArchived,
    min_value: values.minValue,
    max_value: values.maxValue,
    categories: values.categories === null ? null : JSON.stringify(values.categories),
    description: values.description,
  };
}

type Row = {
  id: string;
  project_id: string;
  name: string;
  data_type: string;
  is_archived: boolean;
  min_value: number | null;
  max_value: number | null;
  categories: ConfigCategory[] | null;
  description: string | null;
  created_at: Date;
  updated_at: Date;
};

function toScoreConfig(row: Row): ScoreConfig {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    dataType: row.data_type as ConfigDataType,
    isArchived: row.is_archived,
    minValue: row.min_value,
    maxValue: row.max_value,
    categories: row.categories,
    description: row.description,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
