// Read-API latency on a large project: starts Spanlight (bench/lib/server.mjs), loads N observations
// through OTLP/HTTP JSON (512-span batches, several clients), waits until they are queryable, then
// times each Langfuse-shaped list/detail endpoint (p50/p95) and prints a Markdown table.
//
//   npm run build && node bench/reads.mjs [--observations 1000000] [--calls 20] [--budget-s 40] [--settle-s 15]
//
// Traces have 10 spans: a root carrying trace-level fields (one of 300 users, one of 400 sessions,
// tags), 3 generations with usage/cost, 6 plain spans. Trace start times spread over the last 30 days.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSpanlight } from './lib/server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    observations: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '4' },
    calls: { type: 'string', default: '20' },
    'budget-s': { type: 'string', default: '40' },
    'settle-s': { type: 'string', default: '15' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const SPANS_PER_TRACE = 10;
const BATCH = 512;
const totalSpans = Math.ceil(Number(opts.observations) / SPANS_PER_TRACE) * SPANS_PER_TRACE;
const traceCount = totalSpans / SPANS_PER_TRACE;
const concurrency = Number(opts.concurrency);
const calls = Number(opts.calls);
const budgetMs = Number(opts['budget-s']) * 1000;
const publicKey = 'pk-lf-bench-reads';
const secretKey = 'sk-lf-bench-reads-secret';
const authorization = `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency + 2 });

const hex = (n, width) => n.toString(16).padStart(width, '0');
// All-zero ids are invalid in OTLP: ids start from 1.
const traceIdOf = (t) => `${hex(0xbe4c, 8)}${hex(t + 1, 24)}`;
const spanIdOf = (t, s) => `${hex(t + 1, 12)}${hex(s + 1, 4)}`;
const userOf = (t) => `user-${t % 300}`;
const sessionOf = (t) => `session-${(t * 7) % 400}`;
const NOW_MS = Date.now();
const DAY_MS = 86_400_000;
// Trace t starts at a deterministic point in the last 30 days (spread, not sorted by t).
const startMsOf = (t) => NOW_MS - 60_000 - ((t * 2_654_435_761) % (30 * DAY_MS));

const sv = (key, value) => `{"key":${JSON.stringify(key)},"value":{"stringValue":${JSON.stringify(value)}}}`;
function spansOf(t) {
  const start = startMsOf(t);
  const ns = (ms) => `"${BigInt(Math.round(ms)) * 1_000_000n}"`;
  const out = [];
  for (let s = 0; s < SPANS_PER_TRACE; s++) {
    const begin = start + s * 40;
    const attrs = [];
    let name;
    if (s === 0) {
      name = 'invoke_agent support-agent';
      attrs.push(
        sv('langfuse.trace.name', `agent-run-${t % 20}`),
        sv('langfuse.user.id', userOf(t)),
        sv('langfuse.session.id', sessionOf(t)),
        `{"key":"langfuse.trace.tags","value":{"arrayValue":{"values":[{"stringValue":"tier-${t % 3}"},{"stringValue":"bench"}]}}}`,
      );
    } else if (s % 3 === 1) {
      name = 'chat gpt-4o-mini';
      attrs.push(
        sv('langfuse.observation.type', 'generation'),
        sv('langfuse.observation.model.name', 'gpt-4o-mini'),
        sv('langfuse.observation.usage_details', `{"input":${100 + (t % 900)},"output":${20 + (s * 13)}}`),
        sv('langfuse.observation.cost_details', `{"input":0.00012,"output":0.00034}`),
        sv('langfuse.observation.input', `[{"role":"user","content":"question ${t}.${s}"}]`),
        sv('langfuse.observation.output', `{"role":"assistant","content":"answer ${t}.${s}"}`),
      );
    } else {
      name = `step-${s}`;
      attrs.push(sv('app.step', String(s)));
    }
    const parent = s === 0 ? '' : `,"parentSpanId":"${spanIdOf(t, 0)}"`;
    out.push(
      `{"traceId":"${traceIdOf(t)}","spanId":"${spanIdOf(t, s)}"${parent},"name":"${name}","kind":1,` +
        `"startTimeUnixNano":${ns(begin)},"endTimeUnixNano":${ns(begin + 30 + (s === 0 ? 400 : 0))},"attributes":[${attrs.join(',')}],"status":{}}`,
    );
  }
  return out;
}

function request(method, url, body) {
  return new Promise((resolve, reject) => {
    const headers = { authorization, accept: 'application/json' };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = http.request(url, { method, agent, headers, timeout: 300_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function load(httpUrl) {
  let next = 0;
  const tracesPerBatch = Math.floor(BATCH / SPANS_PER_TRACE);
  const worker = async () => {
    while (next < traceCount) {
      const first = next;
      next = Math.min(traceCount, next + tracesPerBatch);
      const spans = [];
      for (let t = first; t < next; t++) spans.push(...spansOf(t));
      const body = `{"resourceSpans":[{"resource":{"attributes":[${sv('service.name', 'bench-reads')}]},"scopeSpans":[{"scope":{"name":"bench"},"spans":[${spans.join(',')}]}]}]}`;
      for (let attempt = 0; ; attempt++) {
        const res = await request('POST', httpUrl, body);
        if (res.status === 200) break;
        if ((res.status !== 429 && res.status !== 503) || attempt > 50) throw new Error(`OTLP HTTP ${res.status}: ${res.text.slice(0, 300)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function getJson(apiUrl, pathAndQuery) {
  const res = await request('GET', `${apiUrl}${pathAndQuery}`);
  if (res.status !== 200) throw new Error(`GET ${pathAndQuery}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  return JSON.parse(res.text);
}

async function waitQueryable(apiUrl, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  let total = 0;
  while (performance.now() < deadline) {
    total = (await getJson(apiUrl, '/observations?page=1&limit=1')).meta.totalItems;
    if (total >= totalSpans) return total;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`only ${total} of ${totalSpans} observations queryable after ${timeoutMs / 1000}s`);
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Times `calls` sequential GETs (after one untimed warm-up), stopping early once `budgetMs` is spent (at least 3). */
async function timeEndpoint(apiUrl, pathAndQuery) {
  const first = await getJson(apiUrl, pathAndQuery);
  const ms = [];
  const started = performance.now();
  while (ms.length < calls && (ms.length < 3 || performance.now() - started < budgetMs)) {
    const t0 = performance.now();
    await getJson(apiUrl, pathAndQuery);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { body: first, n: ms.length, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), max: ms.at(-1) };
}

async function main() {
  const server = await startSpanlight({ repoRoot, publicKey, secretKey, startupTimeoutMs: 180_000, keepData: opts['keep-data'] });
  const results = [];
  const onSignal = () => server.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const t0 = performance.now();
    await load(server.httpUrl);
    const sentS = (performance.now() - t0) / 1000;
    await waitQueryable(server.apiUrl, 900_000);
    const loadS = (performance.now() - t0) / 1000;
    // Background merges of the freshly written parts would otherwise weigh on the first endpoints only.
    await new Promise((r) => setTimeout(r, Number(opts['settle-s']) * 1000));
    console.error(`loaded ${totalSpans.toLocaleString()} observations in ${traceCount.toLocaleString()} traces: sent in ${sentS.toFixed(1)} s, queryable after ${loadS.toFixed(1)} s`);
    const traceId = traceIdOf(Math.floor(traceCount / 2));
    const from = encodeURIComponent(new Date(NOW_MS - DAY_MS).toISOString());
    const v2 = '/v2/observations?limit=50';
    const firstV2 = await getJson(server.apiUrl, v2);
    const endpoints = [
      ['GET /traces (page 1)', '/traces?page=1&limit=50'],
      ['GET /traces userId=…', `/traces?userId=${userOf(7)}&limit=50`],
      ['GET /traces sessionId=…', `/traces?sessionId=${sessionOf(7)}&limit=50`],
      ['GET /traces fromTimestamp=now-24h', `/traces?fromTimestamp=${from}&limit=50`],
      ['GET /traces orderBy=timestamp.desc', '/traces?orderBy=timestamp.desc&limit=50'],
      ['GET /traces/{id}', `/traces/${traceId}`],
      ['GET /observations (page 1, limit 1)', '/observations?page=1&limit=1'],
      ['GET /observations (page 1, limit 50)', '/observations?page=1&limit=50'],
      ['GET /observations traceId=…', `/observations?traceId=${traceId}`],
      ['GET /observations type=GENERATION', '/observations?type=GENERATION&limit=50'],
      ['GET /v2/observations (first page)', v2],
      ['GET /v2/observations (cursor page)', `${v2}&cursor=${encodeURIComponent(firstV2.meta.cursor ?? '')}`],
      ['GET /sessions', '/sessions?page=1&limit=50'],
      ['GET /sessions/{id}', `/sessions/${sessionOf(7)}`],
    ];
    for (const [label, url] of endpoints) {
      const r = await timeEndpoint(server.apiUrl, url);
      const rows = Array.isArray(r.body.data) ? r.body.data.length : Array.isArray(r.body.traces) ? r.body.traces.length : 1;
      const total = r.body.meta?.totalItems ?? '';
      results.push({ label, url, ...r, rows, total });
      console.error(`${label}: p50 ${r.p50.toFixed(0)} ms (n=${r.n})`);
    }
  } finally {
    await server.stop();
    agent.destroy();
  }
  const fmt = (v) => v.toFixed(0);
  console.log(`\n${totalSpans.toLocaleString()} observations, ${traceCount.toLocaleString()} traces, 300 users, 400 sessions; Node ${process.version}\n`);
  console.log('| Endpoint | p50 ms | p95 ms | max ms | calls | rows | totalItems |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.label} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.max)} | ${r.n} | ${r.rows} | ${r.total} |`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
