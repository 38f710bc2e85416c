import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchKey } from './keys.js';
import { LocalBlobStore } from './local-blob-store.js';
import { BlobNotFoundError } from './types.js';

describe('LocalBlobStore', () => {
  let dataDir: string;
  let store: LocalBlobStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spanlight-blobs-'));
    store = new LocalBlobStore({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores, reads back and deletes an object under <dataDir>/blobs', async () => {
    const key = batchKey('p1', Date.UTC(2025, 0, 2, 3));
    const body = Buffer.from('{"v":1}\n{"id":"a"}\n');
    await store.put(key, body);
    expect(await store.get(key)).toEqual(body);
    expect(await readdir(join(dataDir, 'blobs', 'otel', 'p1', '2025-01-02', '03'))).toHaveLength(1);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('puts many objects into the same new folder at once', async () => {
    const keys = Array.from({ length: 20 }, () => batchKey('p2', 0));
    await Promise.all(keys.map((k, i) => store.put(k, Buffer.from(`body ${i}`))));
    const bodies = await Promise.all(keys.map((k) => store.get(k)));
    expect(bodies.map(String)).toEqual(keys.map((_, i) => `body ${i}`));
    // No temp files are left behind.
    expect(await readdir(join(dataDir, 'blobs', 'otel', 'p2', '1970-01-01', '00'))).toHaveLength(20);
  });

  it('replaces an existing object atomically', async () => {
    await store.put('k/one', Buffer.from('old'));
    await store.put('k/one', Buffer.from('new'));
    expect(String(await store.get('k/one'))).toBe('new');
  });

  it('reports a missing object with BlobNotFoundError and ignores deleting it', async () => {
    const err = await store.get('otel/nope.jsonl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobNotFoundError);
    expect((err as BlobNotFoundError).key).toBe('otel/nope.jsonl');
    await expect(store.delete('otel/nope.jsonl')).resolves.toBeUndefined();
  });

  it('refuses keys that would leave its folder', async () => {
    await expect(store.put('../escape', Buffer.from('x'))).rejects.toThrow(/invalid blob key/);
    await expect(store.get('/etc/passwd')).rejects.toThrow(/invalid blob key/);
  });
});
