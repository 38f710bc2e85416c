import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Kysely, Selectable } from 'kysely';
import { pageMetaOf, selectRows } from '../clickhouse/index.js';
import type { Database } from '../postgres/index.js';
import type { Comment, CreateCommentBody, ListCommentsQuery } from './schemas.js';

// A type alias, not an interface: withTables needs the implicit index signature.
export type CommentTables = {
  comments: {
    id: string;
    project_id: string;
    object_type: string;
    object_id: string;
    content: string;
    author_user_id: string | null;
    created_at: Date;
    updated_at: Date;
  };
};
type CommentDb = Kysely<Database & CommentTables>;
export const commentDb = (db: Kysely<Database>): CommentDb => db.withTables<CommentTables>();

export async function insertComment(db: CommentDb, projectId: string, body: CreateCommentBody): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await db
    .insertInto('comments')
    .values({
      id,
      project_id: projectId,
      object_type: body.objectType,
      object_id: body.objectId,
      content: body.content,
      author_user_id: body.authorUserId ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findComment(db: CommentDb, projectId: string, id: string): Promise<Comment | undefined> {
  const row = await db.selectFrom('comments').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
  return row && toComment(row);
}

/** Newest first. */
export async function listComments(db: CommentDb, projectId: string, query: ListCommentsQuery) {
  let base = db.selectFrom('comments').where('project_id', '=', projectId);
  if (query.objectType) base = base.where('object_type', '=', query.objectType);
  if (query.objectId) base = base.where('object_id', '=', query.objectId);
  if (query.authorUserId) base = base.where('author_user_id', '=', query.authorUserId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(query.limit).offset((query.page - 1) * query.limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toComment), meta: pageMetaOf(query.page, query.limit, Number(count.n)) };
}

/** Traces, observations and sessions live in ClickHouse's observations table (prompts are not checked). */
const EXISTS: Record<string, string> = {
  TRACE: 'trace_id = {objectId: String}',
  OBSERVATION: 'id = {objectId: String}',
  SESSION: 'session_id = {objectId: String}',
};

export async function objectExists(clickhouse: ClickHouseClient, projectId: string, objectType: string, objectId: string): Promise<boolean> {
  const condition = EXISTS[objectType];
  if (!condition) return true;
  const rows = await selectRows<{ n: number }>(
    clickhouse,
    `SELECT count() AS n FROM (SELECT 1 FROM observations WHERE project_id = {projectId: String} AND ${condition} AND is_deleted = 0 LIMIT 1)`,
    { projectId, objectId },
  );
  return rows[0]!.n > 0;
}

function toComment(row: Selectable<CommentTables['comments']>): Comment {
  return {
    id: row.id,
    projectId: row.project_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    objectType: row.object_type as Comment['objectType'],
    objectId: row.object_id,
    content: row.content,
    authorUserId: row.author_user_id,
  };
}
