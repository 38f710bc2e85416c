import { randomUUID } from 'node:crypto';
import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../postgres/index.js';
import type { CreateMediaBody, PatchMediaBody } from './schemas.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

// A type alias, not an interface: withTables needs the implicit index signature.
export type MediaTables = {
  media: {
    id: string;
    project_id: string;
    sha256_hash: string;
    content_type: string;
    // bigint comes back from pg as a string.
    content_length: ColumnType<string, number, number>;
    bucket_path: string;
    uploaded_at: Date | null;
    upload_http_status: number | null;
    upload_http_error: string | null;
    upload_time_ms: number | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  media_links: {
    project_id: string;
    media_id: string;
    object_type: string;
    object_id: string;
    field: string;
    created_at: Timestamp;
  };
};
type MediaDb = Kysely<Database & MediaTables>;
export type MediaRow = Selectable<MediaTables['media']>;
export const mediaDb = (db: Kysely<Database>): MediaDb => db.withTables<MediaTables>();

export const isUploaded = (row: MediaRow): boolean => row.upload_http_status === 200 || row.upload_http_status === 201;

/**
 * The project's media row for this content hash, created when new. A row not yet uploaded takes the
 * latest declared type and length, since the previous upload attempt never completed.
 */
export async function upsertMedia(db: MediaDb, projectId: string, body: CreateMediaBody): Promise<MediaRow> {
  const id = randomUUID();
  await db
    .insertInto('media')
    .values({
      id,
      project_id: projectId,
      sha256_hash: body.sha256Hash,
      content_type: body.contentType,
      content_length: body.contentLength,
      bucket_path: `${projectId}/${id}`,
    })
    .onConflict((oc) => oc.columns(['project_id', 'sha256_hash']).doNothing())
    .execute();
  let row = await db
    .selectFrom('media')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('sha256_hash', '=', body.sha256Hash)
    .executeTakeFirstOrThrow();
  if (!isUploaded(row) && (row.content_type !== body.contentType || Number(row.content_length) !== body.contentLength)) {
    row = await db
      .updateTable('media')
      .set({ content_type: body.contentType, content_length: body.contentLength, updated_at: new Date() })
      .where('project_id', '=', projectId)
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  await linkMedia(db, projectId, row.id, body);
  return row;
}

async function linkMedia(db: MediaDb, projectId: string, mediaId: string, body: CreateMediaBody): Promise<void> {
  const objects: Array<[string, string | null | undefined]> = [
    ['TRACE', body.observationId ? undefined : body.traceId],
    ['OBSERVATION', body.observationId],
    ['DATASET_ITEM', body.datasetItemId],
  ];
  const values = objects
    .filter((o): o is [string, string] => typeof o[1] === 'string')
    .map(([objectType, objectId]) => ({ project_id: projectId, media_id: mediaId, object_type: objectType, object_id: objectId, field: body.field }));
  if (values.length === 0) return;
  await db.insertInto('media_links').values(values).onConflict((oc) => oc.doNothing()).execute();
}

export async function findMedia(db: MediaDb, projectId: string, mediaId: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('project_id', '=', projectId).where('id', '=', mediaId).executeTakeFirst();
}

/** For the token routes only: the token, not an API key, proves access to this one media id. */
export async function findMediaByTokenId(db: MediaDb, mediaId: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst();
}

export async function recordUpload(db: MediaDb, projectId: string, mediaId: string, body: PatchMediaBody): Promise<boolean> {
  const result = await db
    .updateTable('media')
    .set({
      uploaded_at: body.uploadedAt,
      upload_http_status: body.uploadHttpStatus,
      upload_http_error: body.uploadHttpError ?? null,
      upload_time_ms: body.uploadTimeMs ?? null,
      updated_at: new Date(),
    })
    .where('project_id', '=', projectId)
    .where('id', '=', mediaId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
