// Starts `node backend/dist/cli.js start` on 127.0.0.1 with free ports and a fresh data dir, and
// stops it again (SIGTERM, then SIGKILL of it and its child processes after a grace period).
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { descendants, killIfSame } from './proc.mjs';

const STOP_GRACE_MS = 20_000;
// Inherited service URLs would point the embedded one-process setup at external services.
const DROPPED_ENV = /^(DATABASE_URL|CLICKHOUSE_|REDIS_URL|SPANLIGHT_|LANGFUSE_|PORT$)/;

function parseBanner(text) {
  const api = /API:\s+http:\/\/[^\s/]+:(\d+)\/api\/public/.exec(text);
  const otlpHttp = /OTLP\/HTTP:\s+http:\/\/[^\s/]+:(\d+)\/v1\/traces/.exec(text);
  const otlpGrpc = /OTLP\/gRPC:\s+[^\s:]+:(\d+)/.exec(text);
  if (!api || !otlpHttp || !otlpGrpc || !/Data:/.test(text)) return undefined;
  return {
    apiUrl: `http://127.0.0.1:${api[1]}/api/public`,
    httpUrl: `http://127.0.0.1:${otlpHttp[1]}/v1/traces`,
    grpcTarget: `127.0.0.1:${otlpGrpc[1]}`,
  };
}

export async function startSpanlight({ repoRoot, publicKey, secretKey, startupTimeoutMs, keepData }) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-bench-'));
  // mkdtemp makes it 0700; embedded Postgres (run as the `postgres` user when we are root) must traverse it.
  await chmod(dataDir, 0o711);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DROPPED_ENV.test(k)));
  Object.assign(env, {
    PORT: '0',
    SPANLIGHT_HOST: '127.0.0.1',
    SPANLIGHT_OTLP_GRPC_PORT: '0',
    SPANLIGHT_OTLP_HTTP_PORT: '0',
    SPANLIGHT_DATA_DIR: dataDir,
    SPANLIGHT_LOG_LEVEL: 'error',
    SPANLIGHT_INIT_PROJECT_PUBLIC_KEY: publicKey,
    SPANLIGHT_INIT_PROJECT_SECRET_KEY: secretKey,
    SPANLIGHT_INIT_PROJECT_NAME: 'bench',
  });
  const startedAt = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'backend/dist/cli.js'), 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderrTail = '';
  let exit;
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  );
  // Keep draining both pipes for the whole run: a full pipe would block the server.
  child.stderr.on('data', (c) => (stderrTail = (stderrTail + c).slice(-4_000)));
  const ready = new Promise((resolve) => child.stdout.on('data', (c) => {
    if (stdout.length < 16_000) stdout += c;
    const endpoints = parseBanner(stdout);
    if (endpoints) resolve(endpoints);
  }));
  /** `orphans`: processes seen under Spanlight earlier (embedded Postgres), killed if still alive. */
  const stop = async (orphans = []) => {
    const tree = exit ? [] : descendants(child.pid);
    if (!exit) {
      child.kill('SIGTERM');
      const timer = new Promise((r) => setTimeout(r, STOP_GRACE_MS, 'timeout'));
      if ((await Promise.race([exited, timer])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    for (const proc of [...tree, ...orphans]) killIfSame(proc);
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
    return exit;
  };
  const timeout = new Promise((r) => setTimeout(r, startupTimeoutMs, 'timeout'));
  const outcome = await Promise.race([ready, exited.then(() => 'exited'), timeout]);
  if (typeof outcome === 'string') {
    await stop();
    const why = outcome === 'exited' ? `exited (${exit.code ?? exit.signal})` : `printed no banner within ${startupTimeoutMs / 1000}s`;
    throw new Error(`Spanlight ${why}.\n--- stdout ---\n${stdout.slice(-2_000)}\n--- stderr (tail) ---\n${stderrTail}`);
  }
  /** A fresh project through `cli.js create-project`, which joins this instance's embedded Postgres. */
  const createProject = (name, pk, sk) =>
    new Promise((resolve, reject) => {
      const args = [path.join(repoRoot, 'backend/dist/cli.js'), 'create-project', '--name', name, '--public-key', pk, '--secret-key', sk];
      execFile(process.execPath, args, { cwd: repoRoot, env, timeout: 60_000 }, (err, _out, stderr) =>
        err ? reject(new Error(`create-project ${name} failed: ${stderr.trim() || err.message}`)) : resolve(),
      );
    });
  return {
    pid: child.pid,
    createProject,
    dataDir,
    startupMs: performance.now() - startedAt,
    ...outcome,
    stderrTail: () => stderrTail,
    isRunning: () => !exit,
    stop,
  };
}
