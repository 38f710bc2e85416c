import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse } from './client.js';
import { migrateClickHouse } from './migrate.js';
import { createObservationWriter, type ObservationWriter } from './observation-writer.js';
import { jsonEachRow, obsRow } from './testdata/rows.js';

describe('ObservationWriter (embedded engine)', () => {
  let dir: string;
  let client: ClickHouseClient;
  let writer: ObservationWriter;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-ch-writer-'));
    client = openClickHouse({ dataDir: dir });
    await migrateClickHouse(client);
    writer = createObservationWriter(client);
  });
  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('inserts JSONEachRow bytes as rows, values intact', async () => {
    await writer.insert(
      jsonEachRow([
        obsRow({ project_id: 'p1', trace_id: 't1', id: 'a', start_time: '2024-05-01 10:00:00.123456', name: "it's", usage_details: { input: 3 }, cost_details: { input: 0.5, output: 0.25 } }),
        obsRow({ project_id: 'p2', trace_id: 't2', id: 'b', start_time: '2024-05-01 10:00:01.000000' }),
      ]),
    );
    const rows = await (
      await client.query({ query: 'SELECT id, name, start_time, usage_details, total_cost FROM observations ORDER BY id', format: 'JSONEachRow' })
    ).json();
    expect(rows).toEqual([
      { id: 'a', name: "it's", start_time: '2024-05-01 10:00:00.123456', usage_details: { input: 3 }, total_cost: 0.75 },
      { id: 'b', name: '', start_time: '2024-05-01 10:00:01.000000', usage_details: {}, total_cost: 0 },
    ]);
  });

  it('accepts an empty batch', async () => {
    await expect(writer.insert(Buffer.alloc(0))).resolves.toBeUndefined();
  });

  it('existingIds returns the ids already stored for that project only', async () => {
    expect(await writer.existingIds('p1', ['a', 'b', 'zzz'])).toEqual(new Set(['a']));
    expect(await writer.existingIds('p2', ['a', 'b'])).toEqual(new Set(['b']));
    expect(await writer.existingIds('p1', [])).toEqual(new Set());
  });
});
