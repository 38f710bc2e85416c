#!/usr/bin/env node
// Spanlight prompt-read benchmark: starts Spanlight (or uses --api-url), creates a composed prompt, then
// sends GET /api/public/v2/prompts/{name} open-loop at a fixed rate and reports latency percentiles
// measured from each request's scheduled send time (so a stalled server cannot hide its queueing).
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds } from './lib/proc.mjs';
import { startSpanlight } from './lib/server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: node bench/prompts.mjs [options]   (build first: npx tsc -b collector backend)
  --rate N            requests/s (default 500)
  --duration S        measured seconds (default 20, max 300)
  --warmup S          unmeasured seconds first, to warm the cache and the JIT (default 3)
  --max-inflight N    requests in flight before further ones count as dropped (default 256)
  --startup-timeout S (default 180)
  Existing Spanlight instead of spawning one: --api-url URL (…/api/public) --public-key PK --secret-key SK`;

function options() {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '500' },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      'max-inflight': { type: 'string', default: '256' },
      'startup-timeout': { type: 'string', default: '180' },
      'api-url': { type: 'string' },
      'public-key': { type: 'string', default: 'pk-lf-bench-prompts' },
      'secret-key': { type: 'string', default: 'sk-lf-bench-prompts' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name, min, max) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name} must be a number in [${min}, ${max}]\n${USAGE}`);
    return v;
  };
  return {
    rate: num('rate', 1, 20_000),
    durationS: num('duration', 1, 300),
    warmupS: num('warmup', 0, 60),
    maxInflight: num('max-inflight', 1, 10_000),
    startupTimeoutMs: num('startup-timeout', 1, 3600) * 1000,
    apiUrl: values['api-url'],
    publicKey: values['public-key'],
    secretKey: values['secret-key'],
  };
}

function client(apiUrl, publicKey, secretKey) {
  const base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const authorization = `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;
  return (method, relPath, body) =>
    new Promise((resolve, reject) => {
      const url = new URL(relPath, base);
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        url,
        { method, agent, headers: { authorization, ...(payload ? { 'content-type': 'application/json' } : {}) } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

async function seed(call) {
  const create = async (body) => {
    const res = await call('POST', 'v2/prompts', body);
    if (res.status !== 201) throw new Error(`creating ${body.name} failed: ${res.status} ${res.text}`);
  };
  await create({ name: 'bench/footer', prompt: 'Answer in {{language}}.', labels: ['production'] });
  await create({
    name: 'bench/assistant',
    type: 'chat',
    prompt: [
      { role: 'system', content: 'You are a helpful assistant. @@@langfusePrompt:name=bench/footer|label=production@@@' },
      { type: 'placeholder', name: 'history' },
      { role: 'user', content: '{{question}}' },
    ],
    labels: ['production'],
    config: { model: 'gpt-4o-mini', temperature: 0.2 },
  });
  return `v2/prompts/${encodeURIComponent('bench/assistant')}`;
}

/** Open loop: request i is due at start + i/rate whatever the previous ones are doing. */
async function run(call, target, { rate, seconds, maxInflight, record }) {
  const total = Math.round(rate * seconds);
  const latencies = [];
  let sent = 0;
  let inflight = 0;
  let errors = 0;
  let dropped = 0;
  const pending = new Set();
  const start = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      if (inflight >= maxInflight) {
        dropped++;
        continue;
      }
      const scheduled = start + (sent / rate) * 1000;
      inflight++;
      const p = call('GET', target)
        .then(
          (res) => {
            if (res.status !== 200 || !res.text.includes('"bench/assistant"')) errors++;
            else if (record) latencies.push(performance.now() - scheduled);
          },
          () => errors++,
        )
        .finally(() => {
          inflight--;
          pending.delete(p);
        });
      pending.add(p);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  const elapsedS = (performance.now() - start) / 1000;
  return { latencies, sent: total - dropped, errors, dropped, elapsedS };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const opts = options();
  let server;
  if (!opts.apiUrl) {
    console.error('starting Spanlight…');
    server = await startSpanlight({ repoRoot, publicKey: opts.publicKey, secretKey: opts.secretKey, startupTimeoutMs: opts.startupTimeoutMs, keepData: false });
    console.error(`started in ${Math.round(server.startupMs)} ms (pid ${server.pid})`);
  }
  try {
    const call = client(opts.apiUrl ?? server.apiUrl, opts.publicKey, opts.secretKey);
    const target = await seed(call);
    if (opts.warmupS > 0) await run(call, target, { rate: opts.rate, seconds: opts.warmupS, maxInflight: opts.maxInflight, record: false });
    const cpuBefore = server ? cpuSeconds(server.pid) : undefined;
    const result = await run(call, target, { rate: opts.rate, seconds: opts.durationS, maxInflight: opts.maxInflight, record: true });
    const serverCpuS = server ? cpuSeconds(server.pid).own - cpuBefore.own : undefined;
    const sorted = result.latencies.sort((a, b) => a - b);
    const ms = (v) => (v === undefined ? null : Math.round(v * 100) / 100);
    const report = {
      target: `GET /api/public/${target}`,
      requestedRate: opts.rate,
      achievedRate: Math.round((result.sent / result.elapsedS) * 10) / 10,
      durationS: Math.round(result.elapsedS * 10) / 10,
      ok: sorted.length,
      errors: result.errors,
      dropped: result.dropped,
      // CPU the Spanlight process spent during the measured run, and how busy the whole machine was.
      serverCpuPercentOfOneCore: serverCpuS === undefined ? null : Math.round((serverCpuS / result.elapsedS) * 1000) / 10,
      cores: os.availableParallelism(),
      loadAverage1m: os.loadavg()[0],
      latencyMs: { p50: ms(percentile(sorted, 50)), p95: ms(percentile(sorted, 95)), p99: ms(percentile(sorted, 99)), max: ms(sorted.at(-1)) },
    };
    console.log(JSON.stringify(report, null, 2));
    console.error('stopping Spanlight…');
    if (result.errors > 0 || result.dropped > 0) process.exitCode = 1;
  } finally {
    await server?.stop();
  }
}

// Exit explicitly: the spawn helper leaves its startup-timeout timer armed.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err.message ?? err);
    process.exit(1);
  },
);
