import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { signToken, verifyToken } from './token.js';
import { URL_TTL_SECONDS, type LocalMediaFiles, type MediaObject, type MediaStore, type SignedUrl, type WriteResult } from './store.js';

/**
 * Media as files under `<dataDir>/media/`, uploaded and downloaded through this API's token-checked
 * routes. Tokens are HMACs with a per-install secret, so any process sharing the data dir can verify them.
 */
export class LocalMediaStore implements MediaStore, LocalMediaFiles {
  readonly local: LocalMediaFiles = this;

  private constructor(
    private readonly root: string,
    private readonly secret: Buffer,
  ) {}

  static async open(dir: string): Promise<LocalMediaStore> {
    const root = path.resolve(dir);
    await mkdir(root, { recursive: true, mode: 0o700 });
    return new LocalMediaStore(root, await loadSecret(path.join(root, '.secret')));
  }

  async uploadUrl(object: MediaObject, origin: string): Promise<SignedUrl> {
    return this.signed(object.mediaId, 'upload', 'PUT', origin);
  }

  async downloadUrl(object: MediaObject, origin: string): Promise<SignedUrl> {
    return this.signed(object.mediaId, 'content', 'GET', origin);
  }

  verifyToken(token: string, mediaId: string, method: 'PUT' | 'GET'): boolean {
    return verifyToken(this.secret, token, mediaId, method);
  }

  async write(object: MediaObject, body: AsyncIterable<Buffer>): Promise<WriteResult> {
    const target = this.fileOf(object.bucketPath);
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.tmp-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(temp, 'wx', 0o600);
    let result: WriteResult = { ok: true };
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > object.contentLength) {
          result = { ok: false, reason: 'too_large' };
          break;
        }
        hash.update(chunk);
        await handle.write(chunk);
      }
      if (result.ok && size !== object.contentLength) result = { ok: false, reason: 'length_mismatch' };
      if (result.ok && hash.digest('base64') !== object.sha256Hash) result = { ok: false, reason: 'hash_mismatch' };
      if (result.ok) await handle.sync();
    } finally {
      await handle.close();
    }
    if (!result.ok) {
      await rm(temp, { force: true });
      return result;
    }
    // Rename then fsync the directory: a crash leaves the old file or the complete new one.
    await rename(temp, target);
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return result;
  }

  async locate(bucketPath: string): Promise<string | undefined> {
    const file = this.fileOf(bucketPath);
    try {
      return (await stat(file)).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {}

  private signed(mediaId: string, action: 'upload' | 'content', method: 'PUT' | 'GET', origin: string): SignedUrl {
    const expiresAt = new Date(Date.now() + URL_TTL_SECONDS * 1000);
    const token = signToken(this.secret, mediaId, method, expiresAt);
    const url = `${origin}/api/public/media/${encodeURIComponent(mediaId)}/${action}?token=${encodeURIComponent(token)}`;
    return { url, expiresAt };
  }

  private fileOf(bucketPath: string): string {
    const file = path.resolve(this.root, bucketPath);
    // Keys are built from our own ids; this guards against a bad one escaping the media folder.
    if (!file.startsWith(this.root + path.sep)) throw new Error(`media key escapes the media folder: ${bucketPath}`);
    return file;
  }
}

/** The install's signing secret, created once (0600); a concurrent creator's file wins. */
async function loadSecret(file: string): Promise<Buffer> {
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(randomBytes(32).toString('hex'));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  if (secret.length < 32) throw new Error(`media secret file ${file} is malformed`);
  return secret;
}
