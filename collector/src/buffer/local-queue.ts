import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../logger.js';
import { Fifo } from './fifo.js';
import { fsyncDir, writeFileDurable } from './fs-durable.js';
import type { BatchProcessor, BatchQueue, Consumer, ConsumeOptions, JobOutcome } from './types.js';

/** `<enqueue ms>-<sequence>-<random>.<attempts>.job`: sorts in enqueue order; the content is the key. */
const JOB_FILE = /^(\d{13}-\d{8}-[0-9a-f]{8})\.(\d+)\.job$/;
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface LocalQueueOptions {
  dataDir: string;
  /** Deliveries of one job before it is parked in `dead/`. */
  maxAttempts: number;
  /** First retry delay; doubles on each further attempt. */
  backoffMs: number;
  logger?: Logger;
}

interface Job {
  id: string;
  attempts: number;
  key: string;
  /** Found on disk at start-up: it may have been partly processed before a crash. */
  recovered: boolean;
}

interface ActiveConsumer {
  processor: BatchProcessor;
  concurrency: number;
}

/**
 * The embedded queue: each job is a small file in `<dataDir>/queue/`, written durably before
 * `enqueue` resolves and removed once done, so a kill -9 loses nothing. Every job found at
 * construction is pending again and delivered with `redelivered: true`. Retries keep their attempt
 * count in the file name; poison jobs and exhausted retries are parked in `queue/dead/` next to a
 * `.reason` file.
 */
export class LocalQueue implements BatchQueue {
  readonly dir: string;
  readonly deadDir: string;
  private readonly ready = new Fifo<Job>();
  private readonly delayed = new Map<Job, NodeJS.Timeout>();
  private consumer: ActiveConsumer | undefined;
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private sequence = 0;

  constructor(private readonly options: LocalQueueOptions) {
    this.dir = resolve(options.dataDir, 'queue');
    this.deadDir = join(this.dir, 'dead');
    mkdirDurableSync(this.deadDir);
    for (const name of readdirSync(this.dir).sort()) {
      if (name.startsWith('.tmp-')) {
        rmSync(join(this.dir, name), { force: true });
        continue;
      }
      const match = JOB_FILE.exec(name);
      if (!match) continue;
      const key = readFileSync(join(this.dir, name), 'utf8');
      this.ready.push({ id: match[1]!, attempts: Number(match[2]), key, recovered: true });
    }
  }

  async enqueue(key: string): Promise<void> {
    if (this.closed) throw new Error('queue is closed');
    const id = `${String(Date.now()).padStart(13, '0')}-${String(this.sequence++ % 1e8).padStart(8, '0')}-${randomBytes(4).toString('hex')}`;
    const job: Job = { id, attempts: 0, key, recovered: false };
    await writeFileDurable(this.fileOf(job), key);
    this.ready.push(job);
    this.pump();
  }

  consume(processor: BatchProcessor, options: ConsumeOptions): Consumer {
    if (this.closed) throw new Error('queue is closed');
    if (this.consumer) throw new Error('this queue already has a consumer');
    const consumer: ActiveConsumer = { processor, concurrency: Math.max(1, options.concurrency) };
    this.consumer = consumer;
    this.pump();
    return { close: () => this.stopConsumer(consumer) };
  }

  async pendingCount(): Promise<number> {
    return this.ready.length + this.delayed.size + this.active;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.consumer) await this.stopConsumer(this.consumer);
    else await this.whenIdle();
  }

  private async stopConsumer(consumer: ActiveConsumer): Promise<void> {
    if (this.consumer === consumer) {
      this.consumer = undefined;
      // Backoff timers die with the consumer; their jobs (attempts already persisted) wait for the next one.
      for (const [job, timer] of this.delayed) {
        clearTimeout(timer);
        this.ready.push(job);
      }
      this.delayed.clear();
    }
    await this.whenIdle();
  }

  private pump(): void {
    const consumer = this.consumer;
    if (!consumer) return;
    while (this.active < consumer.concurrency) {
      const job = this.ready.shift();
      if (!job) return;
      this.active++;
      void this.run(consumer, job);
    }
  }

  private async run(consumer: ActiveConsumer, job: Job): Promise<void> {
    let outcome: JobOutcome;
    try {
      outcome = await consumer.processor({ key: job.key, redelivered: job.recovered || job.attempts > 0 });
    } catch (err) {
      outcome = { status: 'retry', reason: err instanceof Error ? err.message : String(err) };
    }
    try {
      await this.settle(job, outcome);
    } catch (err) {
      // The job file is still there, so the job is not lost; deliver it again after a pause.
      this.options.logger?.error('local queue could not record a job outcome', { key: job.key, err });
      this.later(job, this.options.backoffMs);
    } finally {
      this.active--;
      if (this.active === 0) for (const resolveIdle of this.idleWaiters.splice(0)) resolveIdle();
      this.pump();
    }
  }

  private async settle(job: Job, outcome: JobOutcome): Promise<void> {
    if (outcome.status === 'done') {
      // No directory fsync: a removal lost in a power cut means one more (idempotent) delivery.
      await unlink(this.fileOf(job)).catch(ignoreMissing);
      return;
    }
    if (outcome.status === 'poison') return this.park(job, outcome.reason);
    const attempts = job.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      return this.park(job, `gave up after ${attempts} attempts: ${outcome.reason}`);
    }
    await rename(this.fileOf(job), this.fileOf({ ...job, attempts }));
    job.attempts = attempts;
    this.later(job, this.options.backoffMs * 2 ** (attempts - 1));
  }

  private async park(job: Job, reason: string): Promise<void> {
    const name = `${job.id}.${job.attempts}.job`;
    // The reason first: a crash in between leaves the job pending, never parked without its reason.
    await writeFileDurable(join(this.deadDir, `${name}.reason`), `${reason}\n`);
    await rename(join(this.dir, name), join(this.deadDir, name));
    await fsyncDir(this.deadDir);
    await fsyncDir(this.dir);
    this.options.logger?.warn('job parked as failed', { key: job.key, reason, deadDir: this.deadDir });
  }

  private later(job: Job, delayMs: number): void {
    if (!this.consumer) {
      this.ready.push(job);
      return;
    }
    const timer = setTimeout(() => {
      this.delayed.delete(job);
      this.ready.push(job);
      this.pump();
    }, Math.min(delayMs, MAX_DELAY_MS));
    this.delayed.set(job, timer);
  }

  private whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolveIdle) => this.idleWaiters.push(resolveIdle));
  }

  private fileOf(job: Pick<Job, 'id' | 'attempts'>): string {
    return join(this.dir, `${job.id}.${job.attempts}.job`);
  }
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}

/** mkdir -p whose new entries survive a power cut (the constructor is synchronous, so is this). */
function mkdirDurableSync(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (first === undefined) return;
  for (let at = dir; at !== dirname(first); at = dirname(at)) fsyncDirSync(dirname(at));
}

function fsyncDirSync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
