import { readdir, readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Logger } from '@spanlight/collector';
import type { Database } from './db.js';

/** postgres/ at the repository root; the same relative path holds from backend/src/postgres and backend/dist/postgres. */
export const MIGRATIONS_DIR = new URL('../../../postgres/', import.meta.url);

// Arbitrary constant shared by every Spanlight process (collector, api, worker) that migrates the same database.
const MIGRATION_LOCK_KEY = 7_361_290_417;
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationFile {
  version: string;
  url: URL;
}

/** The NNNN_name.sql files of a folder in order; the version is the file name without `.sql`. */
export async function listMigrations(dir: URL = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => FILE_PATTERN.test(name)).sort();
  const seen = new Set<string>();
  for (const name of names) {
    const prefix = name.slice(0, 4);
    if (seen.has(prefix)) throw new Error(`Two Postgres migrations share the number ${prefix} in ${dir.pathname}`);
    seen.add(prefix);
  }
  return names.map((name) => ({ version: name.slice(0, -'.sql'.length), url: new URL(name, dir) }));
}

/**
 * Applies pending migrations in order, each in its own transaction, and returns the versions applied.
 * Each transaction first takes a transaction-scoped advisory lock, so processes starting together
 * serialise: a waiter sees the migration recorded once the lock is released and skips it.
 */
export async function migratePostgres(
  db: Kysely<Database>,
  logger?: Logger,
  options: { dir?: URL } = {},
): Promise<string[]> {
  const migrations = await listMigrations(options.dir);
  const applied: string[] = [];
  for (const migration of migrations) {
    const text = await readFile(migration.url, 'utf8');
    const didApply = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`.execute(trx);
      const done = await trx
        .selectFrom('schema_migrations')
        .select('version')
        .where('version', '=', migration.version)
        .executeTakeFirst();
      if (done) return false;
      // No parameters, so pg uses the simple protocol, which accepts a file of several statements.
      await sql.raw(text).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: migration.version }).execute();
      return true;
    });
    if (didApply) {
      applied.push(migration.version);
      logger?.info('applied postgres migration', { version: migration.version });
    }
  }
  return applied;
}
