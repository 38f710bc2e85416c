import type { Logger } from '../logger.js';
import { BullmqQueue } from './bullmq-queue.js';
import type { BufferConfig } from './config.js';
import { LocalBlobStore } from './local-blob-store.js';
import { LocalQueue } from './local-queue.js';
import { S3BlobStore } from './s3-blob-store.js';
import type { BatchQueue, BlobStore } from './types.js';

/** The blob store and the queue the config asks for; each is local unless its remote is configured. */
export async function createBuffer(
  config: BufferConfig,
  logger: Logger,
): Promise<{ blobs: BlobStore; queue: BatchQueue }> {
  const blobs: BlobStore = config.s3 ? new S3BlobStore(config.s3) : new LocalBlobStore({ dataDir: config.dataDir });
  const retry = { maxAttempts: config.maxAttempts, backoffMs: config.backoffMs };
  const queue: BatchQueue = config.redisUrl
    ? new BullmqQueue({ redisUrl: config.redisUrl, queueName: config.queueName, ...retry, logger })
    : new LocalQueue({ dataDir: config.dataDir, ...retry, logger });
  logger.info('buffer ready', {
    blobs: config.s3 ? 's3' : 'local',
    queue: config.redisUrl ? 'bullmq' : 'local',
    dataDir: config.dataDir,
  });
  return { blobs, queue };
}
