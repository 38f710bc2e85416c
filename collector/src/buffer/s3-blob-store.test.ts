import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3BlobConfig } from './config.js';
import { batchKey } from './keys.js';
import { S3BlobStore } from './s3-blob-store.js';
import { BlobNotFoundError } from './types.js';

// A real S3-protocol server (path-style, like MinIO and most self-hosted ones) on a free port.
describe('S3BlobStore', () => {
  let dir: string;
  let server: S3rver;
  let config: S3BlobConfig;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spanlight-s3-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      directory: dir,
      silent: true,
      configureBuckets: [{ name: 'spanlight' }],
    });
    const { port } = (await server.run()) as AddressInfo;
    config = {
      bucket: 'spanlight',
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      prefix: 'ingest',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    };
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores, reads back and deletes an object under the prefix', async () => {
    const store = new S3BlobStore(config);
    const unprefixed = new S3BlobStore({ ...config, prefix: '' });
    const key = batchKey('project-1', Date.now());
    const body = Buffer.from([0x1f, 0x8b, 0x00, 0xff, 0x0a]);
    await store.put(key, body);
    expect(await store.get(key)).toEqual(body);
    expect(await unprefixed.get(`ingest/${key}`)).toEqual(body);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.close();
    await unprefixed.close();
  });

  it('reports a missing object with BlobNotFoundError and ignores deleting it', async () => {
    const store = new S3BlobStore(config);
    const err = await store.get('otel/missing.jsonl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobNotFoundError);
    await expect(store.delete('otel/missing.jsonl')).resolves.toBeUndefined();
    await store.close();
  });

  it('surfaces other errors as they are (here: an unknown bucket)', async () => {
    const store = new S3BlobStore({ ...config, bucket: 'no-such-bucket' });
    const err = await store.put('k', Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(BlobNotFoundError);
    await store.close();
  });
});
