import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BlobNotFoundError,
  LocalBlobStore,
  LocalQueue,
  batchKey,
  encodeBatch,
  observationRow,
  parseRows,
  type Logger,
  type ObservationRow,
} from '@spanlight/collector';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservationWriter } from '../clickhouse/index.js';
import type { ScoreRow, ScoreWriter } from '../scores/index.js';
import { startIngestionWorker, type IngestionWorker } from './worker.js';

const SECRET = 'SECRET-PROMPT';
const TS = '2025-01-01 00:00:00.000000';

function row(projectId: string, id: string): ObservationRow {
  return observationRow.parse({
    project_id: projectId, trace_id: 't1', id, parent_observation_id: '', type: 'SPAN', name: 'step',
    start_time: TS, end_time: null, completion_start_time: null, level: 'DEFAULT', status_message: '',
    version: '', release: '', environment: 'default', is_root: false, trace_name: '', user_id: '',
    session_id: '', tags: [], public: false, trace_input: '', trace_output: '', trace_metadata: '',
    model: '', model_id: '', model_parameters: '', usage_details: {}, cost_details: {}, prompt_id: '',
    prompt_name: '', prompt_version: null, input: JSON.stringify(SECRET), output: '', metadata: '', event_ts: TS,
  });
}

/** Stands in for ClickHouse: keeps rows by (project, id) and can fail inserts, before or after writing. */
class RecordingWriter implements ObservationWriter {
  readonly stored: ObservationRow[] = [];
  readonly insertSizes: number[] = [];
  readonly lookups: { projectId: string; ids: readonly string[] }[] = [];
  failures: { commit: boolean }[] = [];

  async insert(rows: Buffer): Promise<void> {
    const parsed = parseRows<ObservationRow>(rows);
    this.insertSizes.push(parsed.length);
    const failure = this.failures.shift();
    // Like ClickHouse, reject the whole insert when one row does not fit the table.
    if (parsed.some((r) => !observationRow.safeParse(r).success)) throw new Error(`Cannot parse input: ${SECRET}`);
    if (!failure || failure.commit) this.stored.push(...parsed);
    if (failure) throw Object.assign(new Error(`socket hang up near ${SECRET}`), { code: 'ECONNRESET' });
  }

  async existingIds(projectId: string, ids: readonly string[]): Promise<Set<string>> {
    this.lookups.push({ projectId, ids });
    const have = new Set(this.stored.filter((r) => r.project_id === projectId).map((r) => r.id));
    return new Set(ids.filter((id) => have.has(id)));
  }

  ids(): string[] {
    return this.stored.map((r) => r.id).sort();
  }
}

describe('startIngestionWorker', () => {
  let dataDir: string;
  let blobs: LocalBlobStore;
  let writer: RecordingWriter;
  let logged: string[];
  let logger: Logger;
  const open: { queues: LocalQueue[]; workers: IngestionWorker[] } = { queues: [], workers: [] };

  const openQueue = (): LocalQueue => {
    const queue = new LocalQueue({ dataDir, maxAttempts: 5, backoffMs: 5, logger });
    open.queues.push(queue);
    return queue;
  };
  let scores: ScoreRow[];
  const scoreWriter: ScoreWriter = { insert: async (rows) => void scores.push(...rows) };
  const start = (queue: LocalQueue, options?: Parameters<typeof startIngestionWorker>[1]): IngestionWorker => {
    const worker = startIngestionWorker({ blobs, queue, writer, scores: scoreWriter, logger }, options);
    open.workers.push(worker);
    return worker;
  };
  /** Stores one batch object of `count` rows with ids `<prefix>-<i>` and returns its key. */
  const putBatch = async (projectId: string, prefix: string, count: number, extra: object[] = []): Promise<string> => {
    const rows: object[] = Array.from({ length: count }, (_, i) => row(projectId, `${prefix}-${i}`));
    rows.push(...extra);
    const receivedAt = Date.now();
    const key = batchKey(projectId, receivedAt);
    const header = { v: 1, kind: 'observations', projectId, receivedAt, rowCount: rows.length } as const;
    await blobs.put(key, encodeBatch(header, rows, 'gzip'));
    return key;
  };
  const drained = async (queue: LocalQueue): Promise<void> =>
    vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0), { timeout: 20_000 });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spanlight-ingest-'));
    blobs = new LocalBlobStore({ dataDir });
    writer = new RecordingWriter();
    scores = [];
    logged = [];
    const log = (message: string, fields?: Record<string, unknown>): void => {
      logged.push(JSON.stringify({ message, fields }));
    };
    logger = { info: log, warn: log, error: log };
  });
  afterEach(async () => {
    for (const worker of open.workers.splice(0)) await worker.close();
    for (const queue of open.queues.splice(0)) await queue.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('coalesces many small batches into few full inserts and deletes their objects', async () => {
    const queue = openQueue();
    start(queue, { concurrency: 64, maxRowsPerInsert: 100, lingerMs: 60_000 });
    const keys = await Promise.all(Array.from({ length: 50 }, (_, b) => putBatch('p1', `b${b}`, 10)));
    await Promise.all(keys.map((key) => queue.enqueue(key)));
    await drained(queue);
    expect(writer.insertSizes).toEqual([100, 100, 100, 100, 100]);
    expect(writer.ids()).toEqual(keys.flatMap((_, b) => Array.from({ length: 10 }, (_, i) => `b${b}-${i}`)).sort());
    // First deliveries take the fast path: no lookups.
    expect(writer.lookups).toEqual([]);
    await expect(blobs.get(keys[0]!)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('retries the batches of a failed insert until it succeeds, losing and doubling nothing', async () => {
    writer.failures = [{ commit: false }];
    const queue = openQueue();
    start(queue, { lingerMs: 10 });
    const keys = await Promise.all(['a', 'b', 'c'].map((p) => putBatch('p1', p, 5)));
    for (const key of keys) await queue.enqueue(key);
    await drained(queue);
    expect(writer.ids()).toEqual(['a', 'b', 'c'].flatMap((p) => [0, 1, 2, 3, 4].map((i) => `${p}-${i}`)).sort());
    expect(writer.insertSizes.length).toBeGreaterThan(1);
    expect(await readdir(queue.deadDir)).toEqual([]);
    expect(logged.join('\n')).not.toContain(SECRET);
  });

  it('does not write rows twice when a failed insert had in fact been written', async () => {
    writer.failures = [{ commit: true }];
    const queue = openQueue();
    start(queue, { lingerMs: 10 });
    const key = await putBatch('p1', 'x', 8);
    await queue.enqueue(key);
    await drained(queue);
    expect(writer.ids()).toEqual(Array.from({ length: 8 }, (_, i) => `x-${i}`).sort());
    expect(writer.insertSizes).toEqual([8]);
    await expect(blobs.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('inserts only the missing rows of a batch redelivered after a crash', async () => {
    const before = openQueue();
    const key = await putBatch('p1', 'r', 10);
    await before.enqueue(key);
    await before.close();
    // The crashed run wrote half of the batch; another project's rows with the same ids do not count.
    writer.stored.push(...[0, 1, 2, 3, 4].map((i) => row('p1', `r-${i}`)), row('p2', 'r-5'));

    const queue = openQueue();
    start(queue, { lingerMs: 10 });
    await drained(queue);
    expect(writer.lookups).toEqual([{ projectId: 'p1', ids: Array.from({ length: 10 }, (_, i) => `r-${i}`) }]);
    expect(writer.insertSizes).toEqual([5]);
    expect(writer.stored.filter((r) => r.project_id === 'p1').map((r) => r.id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `r-${i}`),
    );
  });

  it('parks corrupt and missing batch objects as poison with their reason, and ingests the rest', async () => {
    const queue = openQueue();
    start(queue, { lingerMs: 10 });
    await blobs.put('otel/p1/garbage.jsonl', Buffer.from(`{"${SECRET}": true\n`));
    await blobs.put('otel/p1/badgzip.jsonl', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]));
    const good = await putBatch('p1', 'g', 3);
    for (const key of ['otel/p1/garbage.jsonl', 'otel/p1/badgzip.jsonl', 'otel/p1/missing.jsonl', good]) {
      await queue.enqueue(key);
    }
    await drained(queue);
    expect(writer.ids()).toEqual(['g-0', 'g-1', 'g-2']);
    const reasons = await deadReasons(queue);
    expect(reasons).toHaveLength(3);
    expect(reasons).toContain('batch object not found\n');
    expect(reasons.filter((r) => r.startsWith('corrupt batch: '))).toHaveLength(2);
    expect(reasons.join('\n') + logged.join('\n')).not.toContain(SECRET);
  });

  it('parks a batch whose rows the table rejects, after retrying its insert neighbours', async () => {
    const queue = openQueue();
    start(queue, { lingerMs: 10 });
    const bad = await putBatch('p1', 'bad', 2, [{ ...row('p1', 'bad-x'), start_time: 'yesterday' }]);
    const good = await putBatch('p1', 'ok', 4);
    await queue.enqueue(bad);
    await queue.enqueue(good);
    await drained(queue);
    expect(writer.ids()).toEqual(['ok-0', 'ok-1', 'ok-2', 'ok-3']);
    expect(await deadReasons(queue)).toEqual(['corrupt batch: row 2 is not a valid observation row (start_time)\n']);
    expect(logged.join('\n')).not.toContain(SECRET);
    expect(await blobs.get(bad)).toBeInstanceOf(Buffer);
  });

  it('writes the scores of ingestion-events batches, the last event per score id winning, and parks unknown events', async () => {
    const queue = openQueue();
    start(queue, { lingerMs: 10 });
    const score = (value: number) => ({
      id: 's1', name: 'quality', dataType: 'NUMERIC', value, stringValue: '', traceId: 't1', observationId: '',
      sessionId: '', datasetRunId: '', environment: 'default', comment: SECRET, metadata: '', source: 'API', queueId: '', configId: '',
    });
    const event = (type: string, body: object) => ({ id: `e-${Math.random()}`, timestamp: '2025-01-02T03:04:05.678Z', type, body });
    const put = async (events: object[]): Promise<string> => {
      const receivedAt = Date.now();
      const key = batchKey('p1', receivedAt);
      const header = { v: 1, kind: 'ingestion-events', projectId: 'p1', receivedAt, rowCount: events.length } as const;
      await blobs.put(key, encodeBatch(header, events, 'none'));
      return key;
    };
    const good = await put([event('score-create', score(1)), event('sdk-log', { log: 'x' }), event('score-create', score(2))]);
    const bad = await put([event('trace-create', { id: 't1' })]);
    await queue.enqueue(good);
    await queue.enqueue(bad);
    await drained(queue);
    expect(scores).toHaveLength(1);
    expect(scores[0]).toMatchObject({ project_id: 'p1', id: 's1', value: 2, timestamp: '2025-01-02 03:04:05.678000', is_deleted: 0 });
    expect(writer.ids()).toEqual([]);
    expect(await deadReasons(queue)).toEqual(['corrupt batch: event 0 has the unsupported type trace-create\n']);
    expect(logged.join('\n')).not.toContain(SECRET);
    await expect(blobs.get(good)).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});

async function deadReasons(queue: LocalQueue): Promise<string[]> {
  const names = (await readdir(queue.deadDir)).filter((n) => n.endsWith('.reason'));
  return Promise.all(names.map((n) => readFile(join(queue.deadDir, n), 'utf8')));
}
