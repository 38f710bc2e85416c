import {
  BatchFormatError,
  BlobNotFoundError,
  decodeBatch,
  type BatchJob,
  type BatchQueue,
  type BlobStore,
  type DecodedBatch,
  type JobOutcome,
  type Logger,
  type ModelPrices,
} from '@spanlight/collector';
import type { ObservationWriter } from '../clickhouse/index.js';
import type { ScoreWriter } from '../scores/index.js';
import { InsertCoalescer } from './coalescer.js';
import { splitEvents, writeEventBatches, type EventBatch } from './events.js';
import type { EntityStore } from './legacy/index.js';
import { rowsNotYetWritten } from './redelivery.js';
import { signalTableOf, writeSignalRows } from './signals.js';

export interface IngestionWorkerDeps {
  blobs: BlobStore;
  queue: BatchQueue;
  writer: ObservationWriter;
  /** Writes the scores of `ingestion-events` batches; without it such batches are parked. */
  scores?: ScoreWriter;
  /** Merges the traces and observations of `ingestion-events` batches; without it such batches are parked. */
  entities?: EntityStore;
  /** Model prices for the costs of merged legacy generations. */
  prices?: ModelPrices;
  logger: Logger;
}

export interface IngestionWorkerOptions {
  /** Batches processed at once; their rows (and legacy events) share inserts. @default 64 */
  concurrency?: number;
  /** Rows at which a pending insert is flushed. @default 10000 */
  maxRowsPerInsert?: number;
  /** Longest wait for more rows after a pending insert's first one. @default 200 */
  lingerMs?: number;
}

export interface IngestionWorker {
  /** Stops taking jobs, flushes what is pending without lingering, and waits for jobs in flight. */
  close(): Promise<void>;
}

/**
 * Consumes batch jobs: reads each batch object, inserts its rows into ClickHouse coalesced with
 * other batches' rows, then deletes the object. Acknowledged rows are never lost: a failed insert
 * makes all its jobs retry, and a redelivered job first drops the rows that are already written.
 * Legacy `ingestion-events` batches are coalesced the same way, in flushes of their own.
 */
export function startIngestionWorker(deps: IngestionWorkerDeps, options: IngestionWorkerOptions = {}): IngestionWorker {
  const { blobs, queue, writer, logger } = deps;
  const coalescing = { maxRows: options.maxRowsPerInsert ?? 10_000, lingerMs: options.lingerMs ?? 200 };
  const coalescer = new InsertCoalescer<Buffer>(async (chunks) => {
    const rows = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    try {
      await writer.insert(rows);
    } catch (err) {
      logger.error('observation insert failed; its batches will be retried', { bytes: rows.length, ...describe(err) });
      throw err;
    }
  }, coalescing);
  const writeEvents = async (batches: EventBatch[]): Promise<void> => {
    try {
      await writeEventBatches(batches, { writer, scores: deps.scores!, entities: deps.entities, prices: deps.prices });
    } catch (err) {
      logger.error('ingestion event write failed; its batches will be retried', { batches: batches.length, ...describe(err) });
      throw err;
    }
  };
  const events = new InsertCoalescer<EventBatch>(writeEvents, coalescing);

  const poison = (job: BatchJob, reason: string): JobOutcome => {
    logger.error('batch cannot be ingested; parked', { key: job.key, reason });
    return { status: 'poison', reason };
  };
  const retry = (job: BatchJob, what: string, err: unknown): JobOutcome => {
    const { error } = describe(err);
    logger.warn(`${what}; will retry`, { key: job.key, error });
    return { status: 'retry', reason: `${what}: ${error}` };
  };

  const processBatch = async (job: BatchJob): Promise<JobOutcome> => {
    let body: Buffer;
    try {
      body = await blobs.get(job.key);
    } catch (err) {
      if (err instanceof BlobNotFoundError) {
        // A redelivered job whose object is gone was written and deleted just before a crash.
        if (job.redelivered) return { status: 'done' };
        return poison(job, 'batch object not found');
      }
      return retry(job, 'reading the batch object failed', err);
    }
    let batch: DecodedBatch;
    try {
      batch = decodeBatch(body);
    } catch (err) {
      // Decoding is deterministic (bad header, corrupt gzip): retrying cannot help. Only the text
      // before the first ':' is kept, since JSON.parse errors quote the input.
      return poison(job, `corrupt batch: ${String((err as Error).message).split(':')[0]}`);
    }
    if (batch.header.kind === 'ingestion-events') {
      const outcome = await writeEventsOf(job, batch);
      if (outcome) return outcome;
      return deleteObject(job);
    }
    const signalTable = signalTableOf(batch);
    if (signalTable) {
      if (!writer.insertInto) return poison(job, `this worker cannot write ${signalTable}`);
      try {
        await writeSignalRows(signalTable, batch, writer);
      } catch (err) {
        return retry(job, `${signalTable} insert failed`, err);
      }
      return deleteObject(job);
    }
    let rows = withTrailingNewline(batch.rows);
    let rowCount = batch.header.rowCount;
    if (job.redelivered) {
      try {
        ({ rows, rowCount } = await rowsNotYetWritten(batch, writer));
      } catch (err) {
        if (err instanceof BatchFormatError) return poison(job, `corrupt batch: ${err.message}`);
        return retry(job, 'looking up already written rows failed', err);
      }
    }
    if (rows.length > 0) {
      try {
        await coalescer.add(rows, rowCount);
      } catch (err) {
        return retry(job, 'insert failed', err);
      }
    }
    return deleteObject(job);
  };
  /**
   * Legacy ingestion events; undefined once written. A redelivered batch is written on its own, so a
   * batch whose flush keeps failing stops holding back the batches it was coalesced with.
   */
  const writeEventsOf = async (job: BatchJob, batch: DecodedBatch): Promise<JobOutcome | undefined> => {
    if (!deps.scores) return poison(job, 'this worker cannot write ingestion events');
    let split: EventBatch;
    try {
      split = splitEvents(batch, { entities: deps.entities !== undefined });
    } catch (err) {
      if (err instanceof BatchFormatError) return poison(job, `corrupt batch: ${err.message}`);
      throw err;
    }
    const size = split.entities.length + split.scores.length;
    if (size === 0) return undefined;
    try {
      await (job.redelivered ? writeEvents([split]) : events.add(split, size));
    } catch (err) {
      return retry(job, 'ingestion event write failed', err);
    }
    return undefined;
  };
  const deleteObject = async (job: BatchJob): Promise<JobOutcome> => {
    try {
      await blobs.delete(job.key);
    } catch (err) {
      // The rows are written; the retry finds them all existing and only deletes the object.
      return retry(job, 'deleting the batch object failed', err);
    }
    return { status: 'done' };
  };

  const consumer = queue.consume(processBatch, { concurrency: options.concurrency ?? 64 });
  return {
    async close() {
      coalescer.drain();
      events.drain();
      await consumer.close();
    },
  };
}

/** Chunks are concatenated into one INSERT, so each must end its last row. */
function withTrailingNewline(rows: Buffer): Buffer {
  return rows.length === 0 || rows[rows.length - 1] === 0x0a ? rows : Buffer.concat([rows, Buffer.from('\n')]);
}

/**
 * What may be logged about an error. ClickHouse parse errors quote the offending row, so insert
 * and lookup errors are described by name and code only, never by message.
 */
function describe(err: unknown): { error: string } {
  if (!(err instanceof Error)) return { error: 'unknown error' };
  const code = (err as { code?: unknown }).code;
  return { error: code === undefined ? err.name : `${err.name} (${String(code)})` };
}
