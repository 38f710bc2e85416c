import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * One Spanlight process owns an embedded data folder at a time. The lock is a pid file: a stale one
 * (its process is gone, e.g. after kill -9) is taken over; a live one is refused.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'spanlight.pid');
  const owner = await lockOwner(dataDir);
  if (owner !== undefined && owner !== process.pid) {
    throw new Error(`data folder ${dataDir} is in use by Spanlight process ${owner}`);
  }
  await writeFile(file, String(process.pid));
  return { release: () => rm(file, { force: true }) };
}

/** The pid of the live process holding the folder's lock, if any. */
export async function lockOwner(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, 'spanlight.pid'), 'utf8').catch(() => undefined);
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive but not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
