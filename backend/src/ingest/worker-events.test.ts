import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalBlobStore, LocalQueue, batchKey, encodeBatch, parseRows, type Logger } from '@spanlight/collector';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservationWriter } from '../clickhouse/index.js';
import type { ScoreRow, ScoreWriter } from '../scores/index.js';
import type { EntityStore, EventGroup, StoredEvent } from './legacy/index.js';
import { startIngestionWorker, type IngestionWorker } from './worker.js';

/** Keeps events in memory like `legacy_entity_events`; its first `failures` appends throw. */
class MemoryEntityStore implements EntityStore {
  readonly events = new Map<string, StoredEvent>();
  readonly appends: number[] = [];
  readonly reads: number[] = [];
  failures = 0;

  async append(groups: readonly EventGroup[]): Promise<void> {
    this.appends.push(groups.length);
    if (this.failures-- > 0) throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
    for (const { projectId, events } of groups) for (const e of events) this.events.set(`${projectId}/${e.entityId}/${e.eventId}`, { ...e, projectId });
  }

  async history(entities: Parameters<EntityStore['history']>[0]): Promise<StoredEvent[]> {
    this.reads.push(entities.length);
    const wanted = new Set(entities.map((e) => `${e.projectId}/${e.kind}/${e.entityId}`));
    return [...this.events.values()].filter((e) => wanted.has(`${e.projectId}/${e.kind}/${e.entityId}`));
  }
}

describe('startIngestionWorker with ingestion-events batches', () => {
  let dataDir: string;
  let blobs: LocalBlobStore;
  let queue: LocalQueue;
  let worker: IngestionWorker | undefined;
  let store: MemoryEntityStore;
  let inserts: Array<Array<{ id: string; event_ts: string }>>;
  let scores: ScoreRow[][];
  const logger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
  const writer: ObservationWriter = {
    insert: async (rows) => void inserts.push(parseRows(rows)),
    existingIds: async () => new Set(),
  };
  const scoreWriter: ScoreWriter = { insert: async (rows) => void scores.push([...rows]) };

  /** One request: a span created, then updated, and a score. */
  const put = async (n: number): Promise<string> => {
    const at = (s: number): string => `2025-01-01T00:00:0${s}.000Z`;
    const events = [
      { id: `c${n}`, timestamp: at(1), type: 'span-create', body: { id: `o${n}`, traceId: 't', name: 'step', startTime: at(1) } },
      { id: `u${n}`, timestamp: at(2), type: 'span-update', body: { id: `o${n}`, endTime: at(2) } },
      { id: `s${n}`, timestamp: at(2), type: 'score-create', body: {
        id: `score${n}`, name: 'q', dataType: 'NUMERIC', value: n, stringValue: '', traceId: 't', observationId: '', sessionId: '',
        datasetRunId: '', environment: 'default', comment: '', metadata: '', source: 'API', queueId: '', configId: '',
      } },
    ];
    const receivedAt = Date.now();
    const key = batchKey('p1', receivedAt);
    await blobs.put(key, encodeBatch({ v: 1, kind: 'ingestion-events', projectId: 'p1', receivedAt, rowCount: events.length }, events, 'none'));
    return key;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spanlight-ingest-events-'));
    blobs = new LocalBlobStore({ dataDir });
    queue = new LocalQueue({ dataDir, maxAttempts: 5, backoffMs: 5, logger });
    store = new MemoryEntityStore();
    inserts = [];
    scores = [];
  });
  afterEach(async () => {
    await worker?.close();
    await queue.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const start = (lingerMs: number, maxRowsPerInsert = 10_000): void => {
    worker = startIngestionWorker({ blobs, queue, writer, scores: scoreWriter, entities: store, logger }, { concurrency: 64, lingerMs, maxRowsPerInsert });
  };
  const drained = async (): Promise<void> => vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0), { timeout: 20_000 });

  it('writes the events of many requests with one append, one history read, one row insert and one score insert', async () => {
    start(60_000, 30);
    const keys = await Promise.all(Array.from({ length: 10 }, (_, n) => put(n)));
    await Promise.all(keys.map((key) => queue.enqueue(key)));
    await drained();
    expect(store.appends).toEqual([10]);
    expect(store.reads).toEqual([10]);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]!.map((r) => r.id).sort()).toEqual(Array.from({ length: 10 }, (_, n) => `o${n}`).sort());
    expect(scores.map((rows) => rows.length)).toEqual([10]);
  });

  it('retries every request of a failed flush, rebuilding the same rows', async () => {
    store.failures = 1;
    start(10);
    const keys = await Promise.all([0, 1, 2].map((n) => put(n)));
    await Promise.all(keys.map((key) => queue.enqueue(key)));
    await drained();
    expect(await readdir(queue.deadDir)).toEqual([]);
    const rows = inserts.flat();
    expect([...new Set(rows.map((r) => r.id))].sort()).toEqual(['o0', 'o1', 'o2']);
    // Each span's row is rebuilt from its two events, whichever flush wrote it.
    expect(new Set(rows.map((r) => r.event_ts))).toEqual(new Set(['2025-01-01 00:00:02.000002']));
  });
});
