import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse } from './client.js';
import { migrateClickHouse, splitStatements } from './migrate.js';

describe('splitStatements', () => {
  it('splits on a semicolon at line end and drops comment-only chunks', () => {
    const text = "-- header\nCREATE TABLE a (x String DEFAULT ';')\nENGINE = Memory;\n\n-- between\nCREATE TABLE b (y UInt8) ENGINE = Memory;  \n-- trailing\n";
    expect(splitStatements(text)).toEqual([
      "-- header\nCREATE TABLE a (x String DEFAULT ';')\nENGINE = Memory",
      '-- between\nCREATE TABLE b (y UInt8) ENGINE = Memory',
    ]);
  });
});

describe('migrateClickHouse (embedded engine)', () => {
  let dir: string;
  let client: ClickHouseClient;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-ch-migrate-'));
    client = openClickHouse({ dataDir: dir });
  });
  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies every file once, in order, and records it', async () => {
    const files = (await readdir(new URL('../../../clickhouse/', import.meta.url))).filter((f) => f.endsWith('.sql')).sort();
    expect(await migrateClickHouse(client)).toEqual(files);
    const tables = await (await client.query({ query: "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name", format: 'JSONEachRow' })).json<{ name: string }>();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['observations', 'schema_migrations', 'scores']));
  });

  it('is a no-op on the second run', async () => {
    expect(await migrateClickHouse(client)).toEqual([]);
    const recorded = await (await client.query({ query: 'SELECT version FROM schema_migrations ORDER BY version', format: 'JSONEachRow' })).json<{ version: string }>();
    expect(recorded.map((r) => r.version)).toEqual(
      (await readdir(new URL('../../../clickhouse/', import.meta.url))).filter((f) => f.endsWith('.sql')).sort(),
    );
  });
});
