import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ChildRef, DependencyTag } from './dependencies.js';
import type { PromptDb, PromptRow } from './tables.js';

/** Every query below is scoped to one project. `db` may be a transaction. */

export async function findPrompt(db: PromptDb, projectId: string, name: string, ref: ChildRef): Promise<PromptRow | undefined> {
  let query = db.selectFrom('prompts').selectAll().where('project_id', '=', projectId).where('name', '=', name);
  query =
    ref.type === 'version'
      ? query.where('version', '=', ref.version)
      : query.where(sql<boolean>`labels @> ARRAY[${ref.label}]::text[]`);
  return (await query.orderBy('version', 'desc').limit(1).executeTakeFirst()) as PromptRow | undefined;
}

export async function findLatest(db: PromptDb, projectId: string, name: string): Promise<PromptRow | undefined> {
  return (await db
    .selectFrom('prompts')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()) as PromptRow | undefined;
}

/**
 * Serialises writers of one prompt name until the transaction ends, so concurrent creates read
 * distinct `max(version)`s. The two-int key space does not collide with the migration lock's bigint key.
 */
export async function lockPromptName(db: PromptDb, projectId: string, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${projectId}), hashtext(${name}))`.execute(db);
}

export async function insertPrompt(db: PromptDb, row: Omit<PromptRow, 'created_at' | 'updated_at'>): Promise<PromptRow> {
  return (await db
    .insertInto('prompts')
    .values({ ...row, prompt: JSON.stringify(row.prompt), config: JSON.stringify(row.config) })
    .returningAll()
    .executeTakeFirstOrThrow()) as PromptRow;
}

export async function insertDependencies(db: PromptDb, projectId: string, parentId: string, tags: DependencyTag[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('prompt_dependencies')
    .values(
      tags.map((tag) => ({
        id: randomUUID(),
        project_id: projectId,
        parent_id: parentId,
        child_name: tag.name,
        child_label: tag.type === 'label' ? tag.label : null,
        child_version: tag.type === 'version' ? tag.version : null,
      })),
    )
    .execute();
}

/** Labels are unique per name: taking them for one version removes them from the others. */
export async function removeLabelsFromOtherVersions(
  db: PromptDb,
  projectId: string,
  name: string,
  labels: string[],
  keepId?: string,
): Promise<void> {
  if (labels.length === 0) return;
  let query = db
    .updateTable('prompts')
    .set({
      labels: sql`ARRAY(SELECT l FROM unnest(labels) AS l WHERE l <> ALL(${labels}::text[]))`,
      updated_at: sql`now()`,
    })
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .where(sql<boolean>`labels && ${labels}::text[]`);
  if (keepId !== undefined) query = query.where('id', '<>', keepId);
  await query.execute();
}

/** Tags are shared by every version of a name. */
export async function setTagsOnAllVersions(db: PromptDb, projectId: string, name: string, tags: string[]): Promise<void> {
  await db
    .updateTable('prompts')
    .set({ tags, updated_at: sql`now()` })
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .execute();
}

export async function setLabels(db: PromptDb, projectId: string, id: string, labels: string[]): Promise<PromptRow> {
  return (await db
    .updateTable('prompts')
    .set({ labels, updated_at: sql`now()` })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()) as PromptRow;
}

export async function listVersions(
  db: PromptDb,
  projectId: string,
  name: string,
): Promise<Array<{ id: string; version: number; labels: string[] }>> {
  return db
    .selectFrom('prompts')
    .select(['id', 'version', 'labels'])
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .orderBy('version', 'asc')
    .execute();
}

export async function deletePromptsById(db: PromptDb, projectId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('prompts').where('project_id', '=', projectId).where('id', 'in', ids).execute();
}

export interface Dependent {
  parent_id: string;
  parent_name: string;
  parent_version: number;
  child_label: string | null;
  child_version: number | null;
}

/** Versions of other prompts that embed `childName`. */
export async function findDependents(db: PromptDb, projectId: string, childName: string): Promise<Dependent[]> {
  return db
    .selectFrom('prompt_dependencies as d')
    .innerJoin('prompts as p', 'p.id', 'd.parent_id')
    .select([
      'd.parent_id as parent_id',
      'p.name as parent_name',
      'p.version as parent_version',
      'd.child_label as child_label',
      'd.child_version as child_version',
    ])
    .where('d.project_id', '=', projectId)
    .where('p.project_id', '=', projectId)
    .where('d.child_name', '=', childName)
    .execute();
}
