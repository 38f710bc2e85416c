import { z } from 'zod';

/** S3 (or an S3-compatible server) as the blob store. */
export const s3BlobConfig = z.object({
  bucket: z.string().min(1),
  region: z.string().min(1),
  /** Endpoint of an S3-compatible server (MinIO, R2, ...); unset for AWS. */
  endpoint: z.url().optional(),
  /** Prepended to every key, e.g. 'spanlight/'. @default '' */
  prefix: z.string().default(''),
  /** Unset: the SDK's default credential chain (env, profile, instance role). */
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  /** Path-style addressing, needed by most self-hosted S3-compatible servers. @default false */
  forcePathStyle: z.boolean().default(false),
});
export type S3BlobConfig = z.infer<typeof s3BlobConfig>;

/**
 * The durable buffer between the collector and the ingestion worker. Blob store and queue are chosen
 * independently: `s3` set → S3, else files under `dataDir/blobs`; `redisUrl` set → BullMQ, else the
 * crash-safe in-process queue under `dataDir/queue`.
 */
export const bufferConfig = z.object({
  dataDir: z.string().min(1),
  /** How batch objects are stored; readers detect it, so it can change at any time. @default 'none' */
  codec: z.enum(['none', 'gzip']).default('none'),
  s3: s3BlobConfig.optional(),
  redisUrl: z.string().min(1).optional(),
  queueName: z.string().min(1).default('spanlight-ingestion'),
  /** Deliveries of one job before it is parked as failed. @default 8 */
  maxAttempts: z.number().int().positive().default(8),
  /** First retry delay; doubles on each further attempt. @default 1000 */
  backoffMs: z.number().int().nonnegative().default(1000),
});
export type BufferConfig = z.infer<typeof bufferConfig>;
