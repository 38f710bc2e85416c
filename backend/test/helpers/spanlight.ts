import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startSpanlight } from '../../src/runtime/start.js';
import type { Role } from '../../src/runtime/services.js';

export const TEST_KEYS = { publicKey: 'pk-lf-test-public', secretKey: 'sk-lf-test-secret' };

export interface TestSpanlight {
  apiUrl: string;
  otlpHttpUrl: string;
  otlpGrpcUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Base environment of a test instance: free ports, its own data folder, a known key pair, quiet logs. */
export async function testEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-test-'));
  // Embedded Postgres runs as the unprivileged 'postgres' user when tests run as root.
  await chmod(dataDir, 0o755);
  return {
    PORT: '0',
    SPANLIGHT_HOST: '127.0.0.1',
    SPANLIGHT_OTLP_GRPC_PORT: '0',
    SPANLIGHT_OTLP_HTTP_PORT: '0',
    SPANLIGHT_DATA_DIR: dataDir,
    SPANLIGHT_LOG_LEVEL: 'error',
    SPANLIGHT_INSERT_LINGER_MS: '50',
    SPANLIGHT_INIT_PROJECT_PUBLIC_KEY: TEST_KEYS.publicKey,
    SPANLIGHT_INIT_PROJECT_SECRET_KEY: TEST_KEYS.secretKey,
    ...extra,
  };
}

/** Starts Spanlight in this test process (chdb allows one engine per process: one per test file). */
export async function startTestSpanlight(
  extra: Record<string, string> = {},
  roles?: ReadonlySet<Role>,
): Promise<TestSpanlight> {
  const env = await testEnv(extra);
  const config = loadConfig(env);
  const running = await startSpanlight(config, roles);
  return {
    apiUrl: `http://127.0.0.1:${running.ports.api}`,
    otlpHttpUrl: `http://127.0.0.1:${running.ports.otlpHttp}`,
    otlpGrpcUrl: `http://127.0.0.1:${running.ports.otlpGrpc}`,
    dataDir: config.dataDir,
    close: () => running.close(),
  };
}

export function basicAuthHeader(keys = TEST_KEYS): string {
  return `Basic ${Buffer.from(`${keys.publicKey}:${keys.secretKey}`).toString('base64')}`;
}

/** GET a public API path as the test project; returns status and parsed body. */
export async function apiGet<T = any>(apiUrl: string, pathAndQuery: string, keys = TEST_KEYS): Promise<{ status: number; body: T }> {
  const res = await fetch(`${apiUrl}${pathAndQuery}`, { headers: { authorization: basicAuthHeader(keys) } });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * Sends a request with a JSON body to a public API path as the test project (a string body is sent as
 * is, to test malformed JSON); returns status and parsed body (undefined when empty).
 */
export async function apiSend<T = any>(
  apiUrl: string,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  authorization = basicAuthHeader(),
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${apiUrl}${pathAndQuery}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/** Polls until `probe` returns a value (ingestion is asynchronous: accepted, then queryable). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
