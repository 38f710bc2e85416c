import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openClickHouse } from '../../src/clickhouse/index.js';
import { spawnSpanlight, stopProcess, type SpanlightProcess } from '../helpers/process.js';
import { apiGet, basicAuthHeader, eventually, testEnv } from '../helpers/spanlight.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One OTLP/JSON export of `count` root spans in one new trace; returns the span ids. */
function exportBody(count: number): { body: string; spanIds: string[] } {
  const traceId = hex(16);
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId,
    spanId: hex(8),
    name: `step-${i}`,
    startTimeUnixNano: String(now + BigInt(i)),
    endTimeUnixNano: String(now + BigInt(i) + 1000n),
    attributes: [{ key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } }],
  }));
  return { body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }), spanIds: spans.map((s) => s.spanId) };
}

let running: SpanlightProcess | undefined;
afterAll(async () => {
  if (running) await stopProcess(running.child, 'SIGTERM');
});

describe('kill -9 during a stream of exports', () => {
  it('keeps every acknowledged span, exactly once, after a restart', async () => {
    const env = await testEnv({ SPANLIGHT_INSERT_LINGER_MS: '20' });
    running = await spawnSpanlight(env);
    const acknowledged = new Set<string>();
    const headers = { 'content-type': 'application/json', authorization: basicAuthHeader() };

    // Four concurrent senders; the process is killed while they are mid-flight.
    let stop = false;
    const sender = async () => {
      while (!stop) {
        const { body, spanIds } = exportBody(50);
        try {
          const res = await fetch(`${running!.otlpHttpUrl}/v1/traces`, { method: 'POST', headers, body });
          if (res.status === 200) for (const id of spanIds) acknowledged.add(id);
        } catch {
          return; // connection refused or reset: the process is gone
        }
      }
    };
    const senders = Promise.all([sender(), sender(), sender(), sender()]);
    await eventually(async () => (acknowledged.size >= 2000 ? true : undefined), 30_000);
    running.child.kill('SIGKILL');
    stop = true;
    await senders;
    await new Promise((r) => running!.child.exitCode !== null || running!.child.signalCode !== null ? r(null) : running!.child.once('exit', r));

    running = await spawnSpanlight(env);
    const seen = await eventually(async () => {
      const ids = await allObservationIds(running!.apiUrl);
      return [...acknowledged].every((id) => ids.includes(id)) ? ids : undefined;
    }, 60_000);

    expect(acknowledged.size).toBeGreaterThanOrEqual(2000);
    expect(new Set(seen).size).toBe(seen.length);

    // Below the API too: the table itself holds each row once (reads could otherwise hide duplicates).
    await stopProcess(running.child, 'SIGTERM');
    running = undefined;
    const clickhouse = openClickHouse({ dataDir: path.join(env.SPANLIGHT_DATA_DIR!, 'clickhouse') });
    const result = await clickhouse.query({ query: 'SELECT count() AS rows, uniqExact(id) AS ids FROM observations', format: 'JSONEachRow' });
    const [counts] = (await result.json()) as Array<{ rows: number; ids: number }>;
    await clickhouse.close();
    expect(Number(counts!.rows)).toBe(Number(counts!.ids));
    expect(Number(counts!.ids)).toBeGreaterThanOrEqual(acknowledged.size);
  });
});

async function allObservationIds(apiUrl: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = `/api/public/v2/observations?limit=1000&fields=core${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await apiGet(apiUrl, query);
    if (status !== 200) throw new Error(`v2/observations answered ${status}: ${JSON.stringify(body)}`);
    for (const o of body.data) ids.push(o.id);
    cursor = body.meta.cursor ?? undefined;
  } while (cursor);
  return ids;
}
