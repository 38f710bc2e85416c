import { randomUUID } from 'node:crypto';
import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../postgres/index.js';
import type { ModelDefinition, PricingTierInput, TierConditionInput } from './schemas.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb is written as JSON text and read back parsed. */
type JsonColumn<T> = ColumnType<T, string, string>;

/** Kysely types of postgres/0005_models.sql. */
export type ModelTables = {
  models: {
    id: string;
    project_id: string;
    model_name: string;
    match_pattern: string;
    start_date: ColumnType<Date | null, Date | string | null, Date | string | null>;
    unit: string;
    tokenizer_id: string | null;
    tokenizer_config: ColumnType<Record<string, unknown> | null, string | null, string | null>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  pricing_tiers: {
    id: string;
    model_id: string;
    name: string;
    is_default: boolean;
    priority: number;
    conditions: JsonColumn<TierConditionInput[]>;
    prices: JsonColumn<Record<string, number>>;
  };
};

type Db = Kysely<Database & ModelTables>;
const tables = (db: Kysely<Database>): Db => db.withTables<ModelTables>();

export interface NewModel {
  modelName: string;
  matchPattern: string;
  startDate: Date | null;
  unit: string;
  tokenizerId: string | null;
  tokenizerConfig: Record<string, unknown> | null;
  tiers: PricingTierInput[];
}

/** Inserts a model with its tiers; null when the project already has one with the same name, start date and unit. */
export async function insertModel(db: Kysely<Database>, projectId: string, model: NewModel): Promise<ModelDefinition | null> {
  return tables(db).transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('models')
      .values({
        id: randomUUID(),
        project_id: projectId,
        model_name: model.modelName,
        match_pattern: model.matchPattern,
        start_date: model.startDate,
        unit: model.unit,
        tokenizer_id: model.tokenizerId,
        tokenizer_config: model.tokenizerConfig === null ? null : JSON.stringify(model.tokenizerConfig),
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    const tiers = await trx
      .insertInto('pricing_tiers')
      .values(
        model.tiers.map((t) => ({
          id: randomUUID(),
          model_id: row.id,
          name: t.name,
          is_default: t.isDefault,
          priority: t.priority,
          conditions: JSON.stringify(t.conditions),
          prices: JSON.stringify(t.prices),
        })),
      )
      .returningAll()
      .execute();
    return toDefinition(row, tiers);
  });
}

export async function getModel(db: Kysely<Database>, projectId: string, id: string): Promise<ModelDefinition | null> {
  const [model] = await loadModels(db, projectId, id);
  return model ?? null;
}

/** A project's models (newest first); all projects' when projectId is undefined (the matcher's snapshot). */
export async function loadModels(db: Kysely<Database>, projectId?: string, id?: string): Promise<ModelDefinition[]> {
  let query = tables(db).selectFrom('models').selectAll();
  if (projectId !== undefined) query = query.where('project_id', '=', projectId);
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
  if (rows.length === 0) return [];
  const tiers = await tables(db)
    .selectFrom('pricing_tiers')
    .selectAll()
    .where('model_id', 'in', rows.map((r) => r.id))
    .execute();
  const byModel = new Map<string, typeof tiers>();
  for (const t of tiers) byModel.set(t.model_id, [...(byModel.get(t.model_id) ?? []), t]);
  return rows.map((r) => toDefinition(r, byModel.get(r.id) ?? []));
}

export async function deleteModel(db: Kysely<Database>, projectId: string, id: string): Promise<boolean> {
  const result = await tables(db).deleteFrom('models').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

function toDefinition(row: Selectable<ModelTables['models']>, tiers: Selectable<ModelTables['pricing_tiers']>[]): ModelDefinition {
  return {
    id: row.id,
    projectId: row.project_id,
    modelName: row.model_name,
    matchPattern: row.match_pattern,
    startDate: row.start_date,
    unit: row.unit,
    tokenizerId: row.tokenizer_id,
    tokenizerConfig: row.tokenizer_config,
    createdAt: row.created_at,
    tiers: tiers
      .map((t) => ({ id: t.id, name: t.name, isDefault: t.is_default, priority: t.priority, conditions: t.conditions, prices: t.prices }))
      .sort((a, b) => a.priority - b.priority),
  };
}
