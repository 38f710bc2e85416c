import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { BatchProcessor, BatchQueue, Consumer, ConsumeOptions } from './types.js';

export interface BullmqQueueOptions {
  redisUrl: string;
  queueName: string;
  /** Deliveries of one job before BullMQ keeps it as failed. */
  maxAttempts: number;
  /** First retry delay; doubles on each further attempt. */
  backoffMs: number;
  logger: Logger;
}

interface JobData {
  key: string;
}

/**
 * The distributed queue: BullMQ on Redis. The job id is the batch key, so a repeated enqueue is a
 * no-op. Completed jobs are removed; failed ones (poison or out of attempts) stay in Redis with their
 * reason. Durability of an acknowledged enqueue is Redis's (configure AOF with fsync for it).
 */
export class BullmqQueue implements BatchQueue {
  private readonly connection: Redis;
  private readonly queue: Queue<JobData>;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: BullmqQueueOptions) {
    this.connection = redisConnection(options, 'queue');
    this.queue = new Queue<JobData>(options.queueName, { connection: this.connection });
    this.queue.on('error', (err) => options.logger.error('bullmq queue error', { err }));
  }

  async enqueue(key: string): Promise<void> {
    await this.queue.add(
      'batch',
      { key },
      {
        jobId: key,
        attempts: this.options.maxAttempts,
        backoff: { type: 'exponential', delay: this.options.backoffMs },
        removeOnComplete: true,
        removeOnFail: false,
      },
    );
  }

  consume(processor: BatchProcessor, options: ConsumeOptions): Consumer {
    const { logger } = this.options;
    // Blocking commands must wait for Redis forever rather than fail: BullMQ requires this setting.
    const connection = redisConnection(this.options, 'worker', { maxRetriesPerRequest: null });
    const worker = new Worker<JobData>(
      this.options.queueName,
      async (job: Job<JobData>) => {
        const outcome = await processor({
          key: job.data.key,
          redelivered: job.attemptsMade > 0 || (job.stalledCounter ?? 0) > 0,
        });
        if (outcome.status === 'poison') throw new UnrecoverableError(outcome.reason);
        if (outcome.status === 'retry') throw new Error(outcome.reason);
      },
      { connection, concurrency: Math.max(1, options.concurrency) },
    );
    worker.on('error', (err) => logger.error('bullmq worker error', { err }));
    worker.on('failed', (job, err) => {
      if (job && (err instanceof UnrecoverableError || job.attemptsMade >= this.options.maxAttempts)) {
        logger.warn('job parked as failed', { key: job.data.key, reason: err.message });
      }
    });
    let closing: Promise<void> | undefined;
    const consumer: Consumer = {
      close: () => {
        closing ??= (async () => {
          await worker.close();
          await connection.quit().catch(() => connection.disconnect());
          this.consumers.delete(consumer);
        })();
        return closing;
      },
    };
    this.consumers.add(consumer);
    return consumer;
  }

  async pendingCount(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.close()));
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

function redisConnection(
  options: BullmqQueueOptions,
  role: string,
  extra: { maxRetriesPerRequest?: null } = {},
): Redis {
  const redis = new Redis(options.redisUrl, { ...extra, connectionName: `spanlight-${role}` });
  // Without a listener ioredis prints every reconnect failure itself; route them to our log instead.
  redis.on('error', (err: Error) => options.logger.warn('redis connection error', { role, message: err.message }));
  return redis;
}
