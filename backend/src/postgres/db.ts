import type { ColumnType, Generated } from 'kysely';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '@spanlight/collector';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb is written as a JSON string (pg would turn a JS array into a Postgres array) and read back parsed. */
type Json = ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;

/** Kysely table types of postgres/0001_init.sql. */
export interface Database {
  organizations: {
    id: string;
    name: string;
    created_at: CreatedAt;
  };
  projects: {
    id: string;
    organization_id: string;
    name: string;
    metadata: Json;
    created_at: CreatedAt;
  };
  api_keys: {
    id: string;
    project_id: string;
    public_key: string;
    hashed_secret_key: string;
    display_secret_key: string;
    note: string | null;
    created_at: CreatedAt;
    last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  schema_migrations: {
    version: string;
    applied_at: Generated<Date>;
  };
}

export interface OpenDatabaseOptions {
  /** Pool size; defaults to pg's 10. */
  max?: number;
  logger?: Logger;
}

export function openDatabase(url: string, options: OpenDatabaseOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its connection (server restart) emits on the pool; without a listener it crashes the process.
  pool.on('error', (err) => options.logger?.warn('postgres idle connection error', { error: err.message }));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
