export { BullmqQueue } from './bullmq-queue.js';
export type { BullmqQueueOptions } from './bullmq-queue.js';
export { bufferConfig, s3BlobConfig } from './config.js';
export type { BufferConfig, S3BlobConfig } from './config.js';
export { createBuffer } from './factory.js';
export { batchKey, isSafeKey } from './keys.js';
export { LocalBlobStore } from './local-blob-store.js';
export { LocalQueue } from './local-queue.js';
export type { LocalQueueOptions } from './local-queue.js';
export { S3BlobStore, createS3Client, folderPrefix } from './s3-blob-store.js';
export { BlobNotFoundError } from './types.js';
export type {
  BatchJob,
  BatchProcessor,
  BatchQueue,
  BlobStore,
  ConsumeOptions,
  Consumer,
  JobOutcome,
} from './types.js';
