import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';
import { listMigrations, migratePostgres } from './migrate.js';
import { freshDatabase, pgTargets } from './testdata/targets.js';

async function migrationDir(files: Record<string, string>): Promise<URL> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-migrations-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return pathToFileURL(dir + path.sep);
}

describe('listMigrations', () => {
  it('finds the repository migrations in order', async () => {
    const versions = (await listMigrations()).map((m) => m.version);
    expect(versions[0]).toBe('0001_init');
    expect(versions).toEqual([...versions].sort());
  });

  it('ignores other files and refuses two migrations with one number', async () => {
    const ok = await migrationDir({ '0002_b.sql': '', '0001_a.sql': '', 'README.md': '', '1_bad.sql': '' });
    expect((await listMigrations(ok)).map((m) => m.version)).toEqual(['0001_a', '0002_b']);
    const dup = await migrationDir({ '0001_a.sql': '', '0001_b.sql': '' });
    await expect(listMigrations(dup)).rejects.toThrow(/share the number 0001/);
    await rm(new URL(ok), { recursive: true });
    await rm(new URL(dup), { recursive: true });
  });
});

for (const target of pgTargets()) {
  describe.skipIf(target.skip)(`migratePostgres on ${target.name}`, () => {
    let serverUrl: string;
    const drops: Array<() => Promise<void>> = [];
    const database = async (max?: number) => {
      const fresh = await freshDatabase(serverUrl);
      const db = openDatabase(fresh.url, max === undefined ? {} : { max });
      drops.push(async () => {
        await db.destroy();
        await fresh.drop();
      });
      return { db, url: fresh.url };
    };

    beforeAll(async () => {
      serverUrl = await target.setup();
    });
    afterAll(async () => {
      for (const drop of drops) await drop();
      await target.teardown();
    });

    it('applies every migration once and records it', async () => {
      const { db } = await database();
      const all = (await listMigrations()).map((m) => m.version);
      expect(await migratePostgres(db)).toEqual(all);
      expect(await migratePostgres(db)).toEqual([]);
      const recorded = await db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
      expect(recorded.map((r) => r.version)).toEqual(all);
      const tables = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(db);
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['api_keys', 'organizations', 'projects', 'schema_migrations']),
      );
    });

    it('applies each migration exactly once when several processes start together', async () => {
      const { db, url } = await database();
      const others = Array.from({ length: 5 }, () => openDatabase(url, { max: 2 }));
      drops.unshift(async () => Promise.all(others.map((o) => o.destroy())).then(() => undefined));
      const results = await Promise.all([db, ...others].map((instance) => migratePostgres(instance)));
      expect(results.flat().sort()).toEqual((await listMigrations()).map((m) => m.version));
    });

    it('rolls back a failing migration and resumes from it', async () => {
      const { db } = await database();
      const dir = await migrationDir({
        '0001_a.sql': 'CREATE TABLE a (id int);',
        '0002_b.sql': 'CREATE TABLE b (id int); SELECT 1 / 0;',
      });
      await expect(migratePostgres(db, undefined, { dir })).rejects.toThrow(/division by zero/);
      const exists = async (table: string) =>
        (await sql<{ t: string | null }>`SELECT to_regclass(${table}) AS t`.execute(db)).rows[0]?.t ?? null;
      expect(await exists('a')).toBe('a');
      expect(await exists('b')).toBeNull();

      await writeFile(new URL('0002_b.sql', dir), 'CREATE TABLE b (id int);');
      expect(await migratePostgres(db, undefined, { dir })).toEqual(['0002_b']);
      expect(await exists('b')).toBe('b');
      await rm(dir, { recursive: true });
    });
  });
}
