import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { bufferConfig } from './config.js';
import { createBuffer } from './factory.js';
import { LocalBlobStore } from './local-blob-store.js';
import { LocalQueue } from './local-queue.js';
import { S3BlobStore } from './s3-blob-store.js';

describe('createBuffer', () => {
  let dataDir: string;
  const logger = createLogger('silent');
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spanlight-factory-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('defaults to the local folder and the in-process queue', async () => {
    const config = bufferConfig.parse({ dataDir });
    expect(config).toEqual({
      dataDir,
      codec: 'none',
      queueName: 'spanlight-ingestion',
      maxAttempts: 8,
      backoffMs: 1000,
    });
    const { blobs, queue } = await createBuffer(config, logger);
    expect(blobs).toBeInstanceOf(LocalBlobStore);
    expect(queue).toBeInstanceOf(LocalQueue);
    await blobs.put('k', Buffer.from('x'));
    await queue.enqueue('k');
    expect(await queue.pendingCount()).toBe(1);
    await queue.close();
  });

  it('picks S3 for blobs independently of the queue', async () => {
    const config = bufferConfig.parse({ dataDir, s3: { bucket: 'b', region: 'eu-west-1' } });
    expect(config.s3).toEqual({ bucket: 'b', region: 'eu-west-1', prefix: '', forcePathStyle: false });
    const { blobs, queue } = await createBuffer(config, logger);
    expect(blobs).toBeInstanceOf(S3BlobStore);
    expect(queue).toBeInstanceOf(LocalQueue);
    await blobs.close();
    await queue.close();
  });

  it('rejects an invalid config', () => {
    expect(bufferConfig.safeParse({ dataDir, codec: 'zstd' }).success).toBe(false);
    expect(bufferConfig.safeParse({ dataDir, maxAttempts: 0 }).success).toBe(false);
  });
});
