/** Durable object storage for batches (a local folder or S3). */
export interface BlobStore {
  /** Resolves only once the object is durably stored. */
  put(key: string, body: Buffer): Promise<void>;
  /** Rejects with a BlobNotFoundError when the object does not exist. */
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`blob not found: ${key}`);
  }
}

/** A queued reference to one stored batch. */
export interface BatchJob {
  key: string;
  /**
   * True when this job may have been (partly) processed before: a retry, a stalled job taken over,
   * or a job found pending at start-up. The processor must then make its writes idempotent.
   */
  redelivered: boolean;
}

/** What the processor tells the queue about a job. */
export type JobOutcome =
  | { status: 'done' }
  | { status: 'retry'; reason: string }
  /** Permanent failure: park the job with its reason, never retry it. */
  | { status: 'poison'; reason: string };

export type BatchProcessor = (job: BatchJob) => Promise<JobOutcome>;

export interface ConsumeOptions {
  /** How many jobs may be in the processor at once. */
  concurrency: number;
}

export interface Consumer {
  close(): Promise<void>;
}

/** The work queue of batch keys (in-process and crash-safe, or BullMQ on Redis). */
export interface BatchQueue {
  /** Resolves only once the job is durably queued. */
  enqueue(key: string): Promise<void>;
  consume(processor: BatchProcessor, options: ConsumeOptions): Consumer;
  /** Jobs not yet done (waiting, active or delayed). */
  pendingCount(): Promise<number>;
  close(): Promise<void>;
}
