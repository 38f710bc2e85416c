#!/usr/bin/env node
// Legacy vs OTLP ingestion benchmark, for the acceptance criterion "the legacy ingestion of a
// 15-event batch is as fast as its OTLP equivalent within 2x". Starts Spanlight (127.0.0.1 only),
// then for the same trace shape measures (a) POST /api/public/ingestion with the 15-event batch the
// langfuse JS SDK v3 sends and (b) POST /v1/traces with one OTLP/JSON request of 8 spans:
// throughput and request latency with 8 concurrent clients, and accepted->queryable latency.
// Every loop is bounded (duration, request cap, poll deadline). Build first: npx tsc -b collector backend
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApiClient } from './lib/api.mjs';
import { percentile } from './lib/report.mjs';
import { startSpanlight } from './lib/server.mjs';
import { createRandom, prose } from './lib/text.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    samples: { type: 'string', default: '30' },
    'max-requests': { type: 'string', default: '200000' },
  },
});
const DURATION_MS = Math.min(300, Math.max(1, Number(args.duration))) * 1000;
const CONCURRENCY = Math.min(64, Math.max(1, Number(args.concurrency)));
const SAMPLES = Math.min(500, Math.max(1, Number(args.samples)));
const MAX_REQUESTS = Math.max(1, Number(args['max-requests']));
const POLL_MS = 25;
const QUERYABLE_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 180_000;
const PUBLIC_KEY = 'pk-lf-bench-ingestion';
const SECRET_KEY = 'sk-lf-bench-ingestion';
const AUTH = `Basic ${Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString('base64')}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const random = createRandom(7);

// ---- the trace, as one shape rendered two ways -------------------------------------------------

const MODELS = ['gpt-4o-2024-08-06', 'claude-sonnet-4-20250514', 'gemini-2.5-flash'];
const SPAN_NAMES = ['agent-loop', 'retrieve_documents', 'execute_tool lookup_order', 'format_answer'];

/** Fresh ids, timestamps and 1–4 KB payloads for one trace: 1 root, 4 spans, 3 generations. */
function planTrace() {
  const t0 = Date.now() - 5_000;
  const spans = SPAN_NAMES.map((name, i) => ({
    name,
    start: t0 + 10 + i * 900,
    end: t0 + 10 + i * 900 + (i === 0 ? 4_200 : 300),
    input: { query: prose(random, random.int(300, 1_200)) },
    output: { result: prose(random, random.int(300, 1_200)) },
  }));
  const generations = [0, 1, 2].map((i) => {
    const inText = prose(random, random.int(1_000, 4_000));
    const outText = prose(random, random.int(1_000, 4_000));
    const start = t0 + 400 + i * 1_200;
    return {
      name: `chat ${MODELS[i]}`,
      model: MODELS[i],
      start,
      firstToken: start + 250,
      end: start + 800,
      input: [{ role: 'system', content: 'You are a helpful support agent.' }, { role: 'user', content: inText }],
      output: { role: 'assistant', content: outText },
      inTokens: Math.round(inText.length / 4),
      outTokens: Math.round(outText.length / 4),
    };
  });
  return { t0, tEnd: t0 + 4_300, spans, generations, user: `user_${random.int(1, 500)}`, session: `session_${random.int(1, 100)}` };
}

const iso = (ms) => new Date(ms).toISOString();

/** The body the langfuse JS SDK v3 posts: 15 events, creates followed by their updates. */
function legacyRequest() {
  const p = planTrace();
  const traceId = randomUUID();
  const spanIds = p.spans.map(() => randomUUID());
  const genIds = p.generations.map(() => randomUUID());
  const ev = (type, body, at) => ({ id: randomUUID(), type, timestamp: iso(at), body });
  const batch = [
    ev('trace-create', { id: traceId, name: 'support-agent', timestamp: iso(p.t0), userId: p.user, sessionId: p.session, tags: ['bench'], metadata: { app: 'bench' }, input: p.spans[0].input, release: '1.4.2' }, p.t0),
  ];
  const spanCreate = (i, parent) =>
    ev('span-create', { id: spanIds[i], traceId, parentObservationId: parent, name: p.spans[i].name, startTime: iso(p.spans[i].start), input: p.spans[i].input, metadata: { step: i } }, p.spans[i].start);
  const spanUpdate = (i) => ev('span-update', { id: spanIds[i], traceId, endTime: iso(p.spans[i].end), output: p.spans[i].output }, p.spans[i].end);
  const gen = (i) => {
    const g = p.generations[i];
    return [
      ev('generation-create', { id: genIds[i], traceId, parentObservationId: spanIds[0], name: g.name, startTime: iso(g.start), model: g.model, modelParameters: { temperature: 0.2, max_tokens: 1024 }, input: g.input, output: g.output, usage: { input: g.inTokens, unit: 'TOKENS' } }, g.start),
      ev('generation-update', { id: genIds[i], traceId, endTime: iso(g.end), completionStartTime: iso(g.firstToken), usage: { input: g.inTokens, output: g.outTokens, total: g.inTokens + g.outTokens, unit: 'TOKENS' } }, g.end),
    ];
  };
  batch.push(spanCreate(0, null));
  for (let i = 1; i < 4; i++) batch.push(spanCreate(i, spanIds[0]), ...gen(i - 1), spanUpdate(i));
  batch.push(spanUpdate(0));
  const body = { batch, metadata: { batch_size: batch.length, sdk_integration: 'DEFAULT', sdk_name: 'langfuse-js', sdk_version: '3.38.4', public_key: PUBLIC_KEY } };
  const expect = {
    observations: 7,
    generations: genIds.map((id, i) => ({ id, end: iso(p.generations[i].end), output: p.generations[i].outTokens })),
    spans: spanIds.map((id, i) => ({ id, end: iso(p.spans[i].end) })),
  };
  return { traceId, payload: Buffer.from(JSON.stringify(body)), units: batch.length, expect };
}

const attr = (key, v) =>
  typeof v === 'string' ? { key, value: { stringValue: v } } : Number.isInteger(v) ? { key, value: { intValue: String(v) } } : { key, value: { doubleValue: v } };
const nanos = (ms) => `${BigInt(ms) * 1_000_000n}`;

/** One ExportTraceServiceRequest (OTLP/JSON) with the same trace as 8 spans. */
function otlpRequest() {
  const p = planTrace();
  const traceId = randomBytes(16).toString('hex');
  const rootId = randomBytes(8).toString('hex');
  const spanIds = p.spans.map(() => randomBytes(8).toString('hex'));
  const genIds = p.generations.map(() => randomBytes(8).toString('hex'));
  const span = (spanId, parentSpanId, name, kind, start, end, attributes) => ({
    traceId, spanId, parentSpanId, name, kind, startTimeUnixNano: nanos(start), endTimeUnixNano: nanos(end), attributes, status: { code: 1 },
  });
  const spans = [
    span(rootId, '', 'invoke_agent support-agent', 1, p.t0, p.tEnd, [
      attr('gen_ai.operation.name', 'invoke_agent'), attr('gen_ai.agent.name', 'support-agent'),
      attr('user.id', p.user), attr('session.id', p.session), attr('langfuse.trace.input', JSON.stringify(p.spans[0].input)),
    ]),
    ...p.spans.map((s, i) =>
      span(spanIds[i], i === 0 ? rootId : spanIds[0], s.name, 1, s.start, s.end, [
        attr('langfuse.observation.input', JSON.stringify(s.input)), attr('langfuse.observation.output', JSON.stringify(s.output)), attr('app.step', i),
      ]),
    ),
    ...p.generations.map((g, i) =>
      span(genIds[i], spanIds[0], g.name, 3, g.start, g.end, [
        attr('gen_ai.operation.name', 'chat'), attr('gen_ai.provider.name', 'openai'), attr('gen_ai.request.model', g.model), attr('gen_ai.response.model', g.model),
        attr('gen_ai.request.temperature', 0.2), attr('gen_ai.request.max_tokens', 1024),
        attr('gen_ai.usage.input_tokens', g.inTokens), attr('gen_ai.usage.output_tokens', g.outTokens),
        attr('gen_ai.input.messages', JSON.stringify(g.input.map((m) => ({ role: m.role, parts: [{ type: 'text', content: m.content }] })))),
        attr('gen_ai.output.messages', JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: g.output.content }], finish_reason: 'stop' }])),
        attr('langfuse.observation.completion_start_time', iso(g.firstToken)),
      ]),
    ),
  ];
  const body = {
    resourceSpans: [{
      resource: { attributes: [attr('service.name', 'bench-agent'), attr('service.version', '1.4.2'), attr('telemetry.sdk.language', 'nodejs')] },
      scopeSpans: [{ scope: { name: 'bench.genai', version: '1.0.0' }, spans }],
    }],
  };
  const expect = {
    observations: 8,
    generations: genIds.map((id, i) => ({ id, end: iso(p.generations[i].end), output: p.generations[i].outTokens })),
    spans: spanIds.map((id, i) => ({ id, end: iso(p.spans[i].end) })),
  };
  return { traceId, payload: Buffer.from(JSON.stringify(body)), units: spans.length, expect };
}

// ---- transport --------------------------------------------------------------------------------

function post(agent, url, payload) {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, timeout: 60_000, headers: { authorization: AUTH, 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => resolve({ status: 0, text: e.message }));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', (e) => resolve({ status: 0, text: e.message }));
    req.end(payload);
  });
}

/** Events (legacy, 207 body) or spans (OTLP, partial success) the server accepted for the request. */
function accepted(kind, res, units) {
  try {
    const body = res.text ? JSON.parse(res.text) : {};
    if (kind === 'legacy') return res.status === 207 ? (body.successes?.length ?? 0) : 0;
    return res.status === 200 ? units - Number(body.partialSuccess?.rejectedSpans ?? 0) : 0;
  } catch {
    return 0;
  }
}

/** True once the trace shows all its observations with the final (merged) fields. */
function complete(trace, expect) {
  const obs = new Map((trace.observations ?? []).map((o) => [o.id, o]));
  if (obs.size < expect.observations) return false;
  if (!expect.spans.every((s) => obs.get(s.id)?.endTime && Date.parse(obs.get(s.id).endTime) === Date.parse(s.end))) return false;
  return expect.generations.every((g) => {
    const o = obs.get(g.id);
    return o && o.endTime && Date.parse(o.endTime) === Date.parse(g.end) && o.usage?.output === g.output && o.model;
  });
}

const MODES = { legacy: legacyRequest, otlp: otlpRequest };

async function throughput(kind, url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  const stats = { requests: 0, units: 0, accepted: 0, errors: 0, lastError: undefined, observations: 0 };
  const start = performance.now();
  const deadline = start + DURATION_MS;
  const worker = async () => {
    while (performance.now() < deadline && stats.requests < MAX_REQUESTS) {
      const req = MODES[kind]();
      stats.requests += 1;
      const t = performance.now();
      const res = await post(agent, url, req.payload);
      latencies.push(performance.now() - t);
      const ok = accepted(kind, res, req.units);
      stats.units += req.units;
      stats.accepted += ok;
      if (ok === req.units) stats.observations += req.expect.observations;
      else {
        stats.errors += 1;
        stats.lastError = `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { ...stats, seconds, rps: stats.requests / seconds, ups: stats.accepted / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/** Waits until the read side counts `target` observations (the worker has caught up). */
async function drain(api, target) {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if ((await api.totalObservations()) >= target) return true;
    await sleep(250);
  }
  return false;
}

/** Accepted->queryable for one request at a time on an idle server. */
async function queryable(kind, url, api) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  let unreached = 0;
  let observations = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const req = MODES[kind]();
    const res = await post(agent, url, req.payload);
    if (accepted(kind, res, req.units) !== req.units) throw new Error(`${kind} request refused: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    observations += req.expect.observations;
    const acceptedAt = performance.now();
    const deadline = acceptedAt + QUERYABLE_TIMEOUT_MS;
    let done = false;
    while (!done && performance.now() < deadline) {
      const r = await api.trace(req.traceId);
      if (r.status === 200 && complete(r.body, req.expect)) done = true;
      else await sleep(POLL_MS);
    }
    if (done) times.push(performance.now() - acceptedAt);
    else unreached += 1;
  }
  agent.destroy();
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, unreached, observations };
}

// ---- main -------------------------------------------------------------------------------------

const fmt = (v, d = 0) => (v === undefined || Number.isNaN(v) ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));

async function main() {
  const server = await startSpanlight({ repoRoot, publicKey: PUBLIC_KEY, secretKey: SECRET_KEY, startupTimeoutMs: 180_000, keepData: false });
  const api = createApiClient(server.apiUrl, AUTH);
  const urls = { legacy: `${server.apiUrl}/ingestion`, otlp: server.httpUrl };
  try {
    let expected = 0;
    const sizes = { legacy: legacyRequest().payload.length, otlp: otlpRequest().payload.length };
    // Warm-up (JIT, connections, first-write paths), then idle-server queryable latency, alternating.
    for (const kind of ['legacy', 'otlp']) expected += await warm(kind, urls[kind]);
    if (!(await drain(api, expected))) throw new Error('warm-up never became queryable');
    const q = {};
    for (const kind of ['legacy', 'otlp']) {
      q[kind] = await queryable(kind, urls[kind], api);
      expected += q[kind].observations;
    }
    const t = {};
    for (const kind of ['legacy', 'otlp']) {
      t[kind] = await throughput(kind, urls[kind]);
      expected += t[kind].observations;
      const drainStart = performance.now();
      t[kind].drained = await drain(api, expected);
      t[kind].drainS = (performance.now() - drainStart) / 1000;
    }
    report({ q, t, sizes, server });
  } finally {
    api.close();
    await server.stop();
  }
}

/** A few unmeasured requests; returns the observations they add. */
async function warm(kind, url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  let obs = 0;
  for (let i = 0; i < 40; i++) {
    const req = MODES[kind]();
    const res = await post(agent, url, req.payload);
    if (accepted(kind, res, req.units) !== req.units) throw new Error(`${kind} warm-up refused: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    obs += req.expect.observations;
  }
  agent.destroy();
  return obs;
}

function report({ q, t, sizes, server }) {
  const ratio = (a, b) => (a && b ? a / b : undefined);
  const rows = [
    ['Throughput, requests/s (higher is better)', t.legacy.rps, t.otlp.rps, 0],
    ['Throughput, events or spans accepted/s', t.legacy.ups, t.otlp.ups, 0],
    // Sending plus the time the worker then needed to make everything queryable.
    ['End-to-end traces/s (send + drain until queryable)', t.legacy.requests / (t.legacy.seconds + t.legacy.drainS), t.otlp.requests / (t.otlp.seconds + t.otlp.drainS), 0],
    ['Request latency p50, ms', t.legacy.p50, t.otlp.p50, 1],
    ['Request latency p95, ms', t.legacy.p95, t.otlp.p95, 1],
    ['Accepted→queryable p50, ms', q.legacy.p50, q.otlp.p50, 0],
    ['Accepted→queryable p95, ms', q.legacy.p95, q.otlp.p95, 0],
  ];
  const lines = [
    `## Legacy /api/public/ingestion (15 events) vs OTLP/HTTP JSON (8 spans), same trace`,
    '',
    `Concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per side; queryable latency over ${SAMPLES} sequential requests per side (poll every ${POLL_MS} ms); body size legacy ${sizes.legacy} B, OTLP ${sizes.otlp} B; Spanlight startup ${fmt(server.startupMs / 1000, 1)} s.`,
    '',
    '| Metric | Legacy | OTLP | Legacy/OTLP |',
    '|---|---:|---:|---:|',
    ...rows.map(([name, a, b, d]) => `| ${name} | ${fmt(a, d)} | ${fmt(b, d)} | ${fmt(ratio(a, b), 2)} |`),
    '',
    `- Requests: legacy ${t.legacy.requests} (${t.legacy.errors} failed), OTLP ${t.otlp.requests} (${t.otlp.errors} failed); worker drain after the phase: legacy ${fmt(t.legacy.drainS, 1)} s${t.legacy.drained ? '' : ' (TIMED OUT)'}, OTLP ${fmt(t.otlp.drainS, 1)} s${t.otlp.drained ? '' : ' (TIMED OUT)'}.`,
    `- Queryable samples reached: legacy ${q.legacy.n}/${SAMPLES}, OTLP ${q.otlp.n}/${SAMPLES}.`,
  ];
  if (t.legacy.lastError || t.otlp.lastError) lines.push(`- Last errors: legacy ${t.legacy.lastError ?? '–'}; OTLP ${t.otlp.lastError ?? '–'}`);
  console.log(lines.join('\n'));
  const json = { bench: 'ingestion-legacy-vs-otlp', concurrency: CONCURRENCY, durationS: DURATION_MS / 1000, samples: SAMPLES, sizes, throughput: t, queryable: q };
  console.log(JSON.stringify(json));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
