import type { SelectQueryBuilder } from 'kysely';
import { sql } from 'kysely';
import type { ListPromptsFilter } from './schemas.js';
import type { PromptDb, PromptTables } from './tables.js';

export interface PromptMeta {
  name: string;
  type: 'text' | 'chat';
  versions: number[];
  labels: string[];
  tags: string[];
  lastUpdatedAt: string;
  lastConfig: Record<string, unknown>;
}

export interface PromptMetaPage {
  data: PromptMeta[];
  meta: { page: number; limit: number; totalItems: number; totalPages: number };
}

type PromptsQuery<O> = SelectQueryBuilder<PromptTables, 'prompts', O>;

/** The filters apply to versions; a name is listed with the versions that match. */
function filtered<O>(query: PromptsQuery<O>, projectId: string, f: ListPromptsFilter): PromptsQuery<O> {
  let q = query.where('project_id', '=', projectId);
  if (f.name !== undefined) q = q.where('name', '=', f.name);
  if (f.version !== undefined) q = q.where('version', '=', f.version);
  if (f.label !== undefined) q = q.where(sql<boolean>`labels @> ARRAY[${f.label}]::text[]`);
  if (f.tag !== undefined) q = q.where(sql<boolean>`tags @> ARRAY[${f.tag}]::text[]`);
  if (f.fromUpdatedAt !== undefined) q = q.where('updated_at', '>=', new Date(f.fromUpdatedAt));
  if (f.toUpdatedAt !== undefined) q = q.where('updated_at', '<', new Date(f.toUpdatedAt));
  return q;
}

/** `GET /api/public/v2/prompts`: one entry per name, ordered by name, page-based. */
export async function listPromptMeta(db: PromptDb, projectId: string, f: ListPromptsFilter): Promise<PromptMetaPage> {
  const from = db.selectFrom('prompts') as unknown as PromptsQuery<object>;
  const [names, count] = await Promise.all([
    filtered(from.select('name'), projectId, f)
      .groupBy('name')
      .orderBy('name')
      .limit(f.limit)
      .offset(f.limit * (f.page - 1))
      .execute(),
    filtered(from.select(sql<string>`count(DISTINCT name)`.as('count')), projectId, f).executeTakeFirstOrThrow(),
  ]);
  const totalItems = Number(count.count);
  const meta = { page: f.page, limit: f.limit, totalItems, totalPages: Math.ceil(totalItems / f.limit) };
  if (names.length === 0) return { data: [], meta };

  const rows = await filtered(
    from.select(['name', 'type', 'version', 'labels', 'tags', 'config', 'updated_at']),
    projectId,
    f,
  )
    .where(
      'name',
      'in',
      names.map((n) => n.name),
    )
    .orderBy('name')
    .orderBy('version', 'desc')
    .execute();

  const byName = new Map<string, PromptMeta>();
  for (const row of rows) {
    const updatedAt = (row.updated_at as Date).toISOString();
    const entry = byName.get(row.name);
    if (!entry) {
      // Rows come newest first: the first one of a name gives its type, tags and last config.
      byName.set(row.name, {
        name: row.name,
        type: row.type,
        versions: [row.version],
        labels: [...row.labels],
        tags: row.tags,
        lastUpdatedAt: updatedAt,
        lastConfig: row.config as Record<string, unknown>,
      });
      continue;
    }
    entry.versions.push(row.version);
    entry.labels.push(...row.labels);
    if (updatedAt > entry.lastUpdatedAt) entry.lastUpdatedAt = updatedAt;
  }
  const data = [...byName.values()].map((e) => ({
    ...e,
    versions: e.versions.sort((a, b) => a - b),
    labels: [...new Set(e.labels)].sort(),
  }));
  return { data, meta };
}
