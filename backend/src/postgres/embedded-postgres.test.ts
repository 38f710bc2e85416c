import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.js';

const VITE_NODE = path.join(path.dirname(createRequire(import.meta.url).resolve('vite-node')), '..', 'vite-node.mjs');
const CHILD = fileURLToPath(new URL('./testdata/start-embedded.ts', import.meta.url));

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Starts the server in a child process and kills that process with SIGKILL, leaving its Postgres orphaned. */
async function crashAfterStart(dataDir: string): Promise<string> {
  const child = spawn(process.execPath, [VITE_NODE, CHILD, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
  const { url } = JSON.parse(first) as { url: string };
  await query(url, 'CREATE TABLE survivor (v text); INSERT INTO survivor VALUES ($$kept$$)');
  child.kill('SIGKILL');
  await exited;
  return url;
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number.parseInt(text, 10);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startEmbeddedPostgres', () => {
  const cleanups: Array<() => Promise<void>> = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-embedded-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('initialises once, then restarts on the same data dir with the same password and data', async () => {
    const dataDir = await tempDir();
    const first = await startEmbeddedPostgres({ dataDir });
    cleanups.push(() => first.stop());
    expect(new URL(first.url).pathname).toBe('/spanlight');
    expect(new URL(first.url).hostname).toBe('127.0.0.1');
    await query(first.url, 'CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)');
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    cleanups.push(() => second.stop());
    expect(new URL(second.url).password).toBe(new URL(first.url).password);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 7 }]);
    expect((await stat(path.join(dataDir, 'password'))).mode & 0o777).toBe(0o600);
  });

  it('stops the Postgres a killed predecessor left running and starts over it with the data intact', async () => {
    const dataDir = await tempDir();
    await crashAfterStart(dataDir);
    const orphan = await postmasterPid(dataDir);
    expect(orphan !== undefined && alive(orphan)).toBe(true);
    cleanups.push(async () => {
      if (orphan !== undefined && alive(orphan)) process.kill(orphan, 'SIGINT');
    });

    const server = await startEmbeddedPostgres({ dataDir });
    cleanups.push(() => server.stop());
    expect(await query(server.url, 'SELECT v FROM survivor')).toEqual([{ v: 'kept' }]);
    expect(await postmasterPid(dataDir)).not.toBe(orphan);
  });

  it('with shared, uses the server already running on the data dir and leaves it running', async () => {
    const dataDir = await tempDir();
    const owner = await startEmbeddedPostgres({ dataDir });
    cleanups.push(() => owner.stop());
    await query(owner.url, 'CREATE TABLE seen (v int)');
    const pid = await postmasterPid(dataDir);

    const guest = await startEmbeddedPostgres({ dataDir, shared: true });
    expect(guest.url).toBe(owner.url);
    await guest.stop();
    expect(await query(owner.url, 'SELECT count(*)::int AS n FROM seen')).toEqual([{ n: 0 }]);
    expect(await postmasterPid(dataDir)).toBe(pid);
  });

  it('listens on the port it is given', async () => {
    const probe = await startEmbeddedPostgres({ dataDir: await tempDir() });
    const port = Number(new URL(probe.url).port);
    await probe.stop();
    const server = await startEmbeddedPostgres({ dataDir: await tempDir(), port });
    cleanups.push(() => server.stop());
    expect(Number(new URL(server.url).port)).toBe(port);
    expect(await query(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
