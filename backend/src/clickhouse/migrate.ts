import { readdir, readFile } from 'node:fs/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '@spanlight/collector';
import { ensureServerDatabase } from './client.js';

/** The repository's `clickhouse/` folder, from both `src/clickhouse/` and `dist/clickhouse/`. */
const MIGRATIONS_DIR = new URL('../../../clickhouse/', import.meta.url);
const MIGRATION_FILE = /^(\d{4})_[\w-]+\.sql$/;

/**
 * Applies the pending `clickhouse/NNNN_*.sql` files in order and records each in `schema_migrations`.
 * Returns the names of the files applied by this run (empty when the schema is up to date).
 */
export async function migrateClickHouse(client: ClickHouseClient, logger?: Logger): Promise<string[]> {
  const database = await ensureServerDatabase(client);
  if (database) logger?.info('clickhouse database ready', { database });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
      (version String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = MergeTree ORDER BY version`,
  });
  const applied = new Set(
    (await (await client.query({ query: 'SELECT version FROM schema_migrations', format: 'JSONEachRow' })).json<{ version: string }>()).map(
      (r) => r.version,
    ),
  );
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => MIGRATION_FILE.test(f)).sort();
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const text = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8');
    for (const statement of splitStatements(text)) await client.command({ query: statement });
    await client.insert({ table: 'schema_migrations', format: 'JSONEachRow', values: [{ version: file }] });
    logger?.info('clickhouse migration applied', { file });
    done.push(file);
  }
  return done;
}

/** Statements end with `;` at the end of a line; chunks holding only comments are dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;[ \t]*$/m)
    .map((s) => s.trim())
    .filter((s) => s.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}
