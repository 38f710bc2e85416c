import { readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureDirDurable, writeFileDurable } from './fs-durable.js';
import { isSafeKey } from './keys.js';
import { BlobNotFoundError, type BlobStore } from './types.js';

/** Blobs as files under `<dataDir>/blobs/<key>`, each written durably before `put` resolves. */
export class LocalBlobStore implements BlobStore {
  readonly root: string;
  /** Directories known durable; concurrent puts into a new directory share its creation. */
  private readonly dirs = new Map<string, Promise<void>>();

  constructor(options: { dataDir: string }) {
    this.root = join(options.dataDir, 'blobs');
  }

  async put(key: string, body: Buffer): Promise<void> {
    const path = this.pathOf(key);
    const dir = dirname(path);
    await this.ensureDir(dir);
    try {
      await writeFileDurable(path, body);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // The directory was removed behind our back (e.g. cleanup of old folders): create it again.
      this.dirs.delete(dir);
      await this.ensureDir(dir);
      await writeFileDurable(path, body);
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if (isNotFound(err)) throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      // No directory fsync: a deletion lost in a power cut only leaves an orphan blob behind.
      await unlink(this.pathOf(key));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async close(): Promise<void> {}

  private async ensureDir(dir: string): Promise<void> {
    let ready = this.dirs.get(dir);
    if (!ready) {
      // Keys rotate hourly, so old entries are never needed again; forgetting them only costs a mkdir.
      if (this.dirs.size >= 10_000) this.dirs.clear();
      ready = ensureDirDurable(dir);
      this.dirs.set(dir, ready);
      ready.catch(() => this.dirs.delete(dir));
    }
    await ready;
  }

  private pathOf(key: string): string {
    if (!isSafeKey(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
    return join(this.root, key);
  }
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}
