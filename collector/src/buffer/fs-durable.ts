import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Flushes a directory's entries (new, renamed or removed names) to disk. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `dir` and its missing parents, making each new directory entry durable. */
export async function ensureDirDurable(dir: string): Promise<void> {
  const target = resolve(dir);
  const first = await mkdir(target, { recursive: true });
  if (first === undefined) return;
  // The parent of the first created directory and every created one above `target` gained an entry.
  await fsyncDir(dirname(first));
  for (let at = target; at !== first && at !== dirname(at); ) {
    at = dirname(at);
    await fsyncDir(at);
  }
}

/**
 * Writes `path` atomically and durably: a temp file beside it (dot-prefixed, so scans skip it) is
 * written and fsynced, renamed over `path`, and the directory is fsynced. A crash leaves either the
 * old state or the complete file, never a partial one.
 */
export async function writeFileDurable(path: string, data: Buffer | string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.tmp-${randomUUID()}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await writeFile(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}
