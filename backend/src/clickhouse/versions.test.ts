import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse } from './client.js';
import { migrateClickHouse } from './migrate.js';
import { listObservations } from './observations.js';
import { listObservationsV2 } from './observations-v2.js';
import { listSessions } from './sessions.js';
import { listTraces } from './traces.js';
import { obsRow } from './testdata/rows.js';

const P = 'p-versions';
const NEWEST_FIRST = { field: 'timestamp', direction: 'desc' } as const;

// Each insert is its own part, so reads must collapse versions themselves (no background merge yet).
async function insert(client: ClickHouseClient, rows: Record<string, unknown>[]): Promise<void> {
  await client.insert({ table: 'observations', values: rows, format: 'JSONEachRow' });
}

describe('version collapsing of observation reads (embedded engine)', () => {
  let dir: string;
  let client: ClickHouseClient;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-ch-versions-'));
    client = openClickHouse({ dataDir: dir });
    await migrateClickHouse(client);
    const base = { project_id: P, event_ts: '2024-05-01 00:00:00.000000' };
    await insert(client, [
      obsRow({ ...base, trace_id: 't1', id: 'a', start_time: '2024-05-01 10:00:00.000000', name: 'old', session_id: 's1', cost_details: { total: 1 } }),
      obsRow({ ...base, trace_id: 't2', id: 'b', start_time: '2024-05-02 10:00:00.000000', session_id: 's2' }),
      obsRow({ ...base, trace_id: 't3', id: 'c', start_time: '2024-05-03 10:00:00.000000', type: 'GENERATION' }),
      obsRow({ ...base, trace_id: 't1', id: 'd', start_time: '2024-05-01 09:00:00.000000', type: 'GENERATION' }),
      obsRow({ project_id: 'other', trace_id: 't9', id: 'z', start_time: '2024-05-04 10:00:00.000000' }),
    ]);
    const later = { project_id: P, event_ts: '2024-05-05 00:00:00.000000' };
    await insert(client, [
      obsRow({ ...later, trace_id: 't1', id: 'a', start_time: '2024-05-01 10:00:00.000000', name: 'new', session_id: 's1', cost_details: { total: 2 } }),
      { ...obsRow({ ...later, trace_id: 't2', id: 'b', start_time: '2024-05-02 10:00:00.000000', session_id: 's2' }), is_deleted: 1 },
      obsRow({ ...later, trace_id: 't3', id: 'c', start_time: '2024-05-03 10:00:00.000000', type: 'SPAN' }),
    ]);
  });
  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists and counts only the newest live version of each observation', async () => {
    const page = await listObservations(client, P, {}, { page: 1, limit: 10 });
    expect(page.data.map((o) => [o.id, o.name, o.type])).toEqual([
      ['c', null, 'SPAN'],
      ['a', 'new', 'SPAN'],
      ['d', null, 'GENERATION'],
    ]);
    expect(page.meta.totalItems).toBe(3);
    // The filter tests the newest version: c's older GENERATION version does not match, though it is
    // the newest raw match (the page read narrowed to it comes back empty and is re-read whole).
    const generations = await listObservations(client, P, { type: 'GENERATION' }, { page: 1, limit: 1 });
    expect(generations.data.map((o) => o.id)).toEqual(['d']);
    expect(generations.meta.totalItems).toBe(1);
    const generationsV2 = await listObservationsV2(client, P, { type: 'GENERATION' }, { fields: ['core'], limit: 1 });
    expect(generationsV2.data.map((o) => o.id)).toEqual(['d']);
    // Filters on a trace read through the other collapsing path (few rows): same answer.
    const ofTrace = await listObservations(client, P, { traceId: 't3' }, { page: 1, limit: 10 });
    expect(ofTrace.data.map((o) => [o.id, o.type])).toEqual([['c', 'SPAN']]);
    expect((await listObservations(client, P, { traceId: 't2' }, { page: 1, limit: 10 })).meta.totalItems).toBe(0);
    const v2 = await listObservationsV2(client, P, {}, { fields: ['core', 'basic'], limit: 10 });
    expect(v2.data.map((o) => [o.id, o.name])).toEqual([
      ['c', null],
      ['a', 'new'],
      ['d', null],
    ]);
  });

  it('aggregates traces and sessions over the newest live versions', async () => {
    const traces = await listTraces(client, P, {}, { page: 1, limit: 10, orderBy: NEWEST_FIRST });
    expect(traces.data.map((t) => [t.id, t.totalCost])).toEqual([
      ['t3', 0],
      ['t1', 2],
    ]);
    expect(traces.meta.totalItems).toBe(2);
    expect((await listTraces(client, P, { sessionId: 's2' }, { page: 1, limit: 10, orderBy: NEWEST_FIRST })).meta.totalItems).toBe(0);
    const bySession = await listTraces(client, P, { sessionId: 's1' }, { page: 1, limit: 10, orderBy: NEWEST_FIRST });
    expect(bySession.data.map((t) => [t.id, t.totalCost])).toEqual([['t1', 2]]);
    // A page past the end still counts every trace.
    const pastEnd = await listTraces(client, P, {}, { page: 5, limit: 1, orderBy: NEWEST_FIRST });
    expect([pastEnd.data.length, pastEnd.meta.totalItems]).toEqual([0, 2]);
    const byName = await listTraces(client, P, {}, { page: 1, limit: 1, orderBy: { field: 'id', direction: 'asc' } });
    expect([byName.data.map((t) => t.id), byName.meta.totalItems]).toEqual([['t1'], 2]);
    const windowed = await listTraces(client, P, { fromTimestamp: '2024-05-01T12:00:00Z' }, { page: 1, limit: 10, orderBy: NEWEST_FIRST });
    expect(windowed.data.map((t) => t.id)).toEqual(['t3']);
    expect(windowed.meta.totalItems).toBe(1);
    const sessions = await listSessions(client, P, {}, { page: 1, limit: 10 });
    expect(sessions.data.map((s) => s.id)).toEqual(['s1']);
    expect(sessions.meta.totalItems).toBe(1);
  });
});
