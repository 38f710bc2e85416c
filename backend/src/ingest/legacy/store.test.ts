import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateClickHouse, openClickHouse } from '../../clickhouse/index.js';
import type { EntityEvent } from './history.js';
import { createEntityStore, type EntityStore } from './store.js';

const ev = (kind: EntityEvent['kind'], entityId: string, eventId: string, body: Record<string, unknown> = {}): EntityEvent => ({
  kind, entityId, eventId, timestamp: '2025-01-01T00:00:01.000Z', type: kind === 'trace' ? 'trace-create' : 'span-create', body: { id: entityId, ...body },
});

describe('EntityStore (embedded engine)', () => {
  let dir: string;
  let client: ClickHouseClient;
  let store: EntityStore;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-entity-store-'));
    client = openClickHouse({ dataDir: dir });
    await migrateClickHouse(client);
    store = createEntityStore(client);
  });
  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('appends many requests at once and reads back exactly the histories asked for, by project', async () => {
    await store.append([
      { projectId: 'p1', receivedAt: 1, events: [ev('trace', 't1', 'e1', { name: 'a' }), ev('observation', 'o1', 'e2')] },
      { projectId: 'p2', receivedAt: 2, events: [ev('observation', 'o1', 'e3', { name: 'other project' }), ev('observation', 't1', 'e4')] },
      { projectId: 'p1', receivedAt: 3, events: [ev('observation', 'o1', 'e5', { output: 'x' }), ev('observation', 'o2', 'e6')] },
    ]);
    // A redelivered request: its events collapse with their first copies.
    await store.append([{ projectId: 'p1', receivedAt: 3, events: [ev('observation', 'o1', 'e5', { output: 'x' })] }]);

    const history = await store.history([
      { projectId: 'p1', kind: 'trace', entityId: 't1' },
      { projectId: 'p1', kind: 'observation', entityId: 'o1' },
      { projectId: 'p2', kind: 'observation', entityId: 'o1' },
    ]);
    const seen = history.map((e) => `${e.projectId}/${e.kind}/${e.entityId}/${e.eventId}`).sort();
    expect(seen).toEqual(['p1/observation/o1/e2', 'p1/observation/o1/e5', 'p1/trace/t1/e1', 'p2/observation/o1/e3']);
    expect(history.find((e) => e.eventId === 'e5')).toMatchObject({ timestamp: '2025-01-01T00:00:01.000Z', type: 'span-create', body: { id: 'o1', output: 'x' } });
    expect(await store.history([])).toEqual([]);
  });
});
