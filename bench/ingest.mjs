#!/usr/bin/env node
// Spanlight ingest benchmark: throughput and accepted→queryable latency over OTLP/gRPC and
// OTLP/HTTP with a seeded GenAI corpus. See bench/README.md.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './lib/options.mjs';
import { createApiClient, startPoller, waitForTotal } from './lib/api.mjs';
import { MAX_ROUND, batchBytes, buildCorpus, firstTraceIdOf } from './lib/corpus.mjs';
import { runLatency, runThroughput } from './lib/phases.mjs';
import { cpuSeconds, peakRssMb, startRssSampler } from './lib/proc.mjs';
import { saveReport } from './lib/report.mjs';
import { startSpanlight } from './lib/server.mjs';
import { basicAuth, createGrpcSender, createHttpSender } from './lib/transports.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const cpuDelta = (a, b) => (a && b ? { own: b.own - a.own, children: Math.max(0, b.children - a.children) } : undefined);

/** One batch per transport, then checks that observations == spans and the trace is readable. */
async function warmUp(ctx, senders) {
  const poller = startPoller(ctx.api, 50);
  try {
    const baseline = await ctx.api.totalObservations();
    let acked = 0;
    let index;
    for (const sender of senders) {
      index = ctx.sequence.next();
      const outcome = await sender.send(batchBytes(ctx.corpus, index).bytes);
      if (!outcome.ok) throw new Error(`warm-up send over ${sender.name} failed: ${outcome.reason}`);
      acked += ctx.corpus.batches[0].spans - outcome.rejected;
    }
    const reached = await waitForTotal(poller, baseline + acked, ctx.opts.drainTimeoutS * 1000);
    await new Promise((r) => setTimeout(r, 1_000));
    const total = await ctx.api.totalObservations();
    if (reached === undefined || total !== baseline + acked) {
      throw new Error(
        `warm-up: ${acked} spans acknowledged but totalItems went ${baseline} → ${total}; the bench assumes one observation per span`,
      );
    }
    const traceId = firstTraceIdOf(ctx.corpus, index);
    const res = await ctx.api.trace(traceId);
    const observations = res.body?.observations ?? [];
    const generations = observations.filter((o) => o.type === 'GENERATION').length;
    if (res.status !== 200) ctx.notes.push(`GET /traces/${traceId} answered HTTP ${res.status}`);
    log(`warm-up ok: ${acked} spans queryable; trace ${traceId} has ${observations.length} observations (${generations} GENERATION)`);
  } finally {
    await poller.stop();
  }
}

async function main() {
  const opts = parseOptions(benchDir);
  const startedAt = new Date().toISOString();
  log(`building corpus (seed ${opts.seed}, ${opts.corpusBatches} × ${opts.batchSize} spans)…`);
  const corpus = buildCorpus({ seed: opts.seed, batches: opts.corpusBatches, batchSize: opts.batchSize });
  const sendCap = (MAX_ROUND + 1) * corpus.batches.length;
  let sent = 0;
  const sequence = {
    next() {
      if (sent >= sendCap) throw new Error('corpus id space exhausted');
      return sent++;
    },
  };
  const result = {
    meta: {
      startedAt,
      commit: gitCommit(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      seed: opts.seed,
      batchSize: opts.batchSize,
      corpus: { batches: corpus.batches.length, ...corpus.summary },
      concurrency: opts.concurrency,
      durationS: opts.durationS,
      rate: opts.rate,
      drainTimeoutS: opts.drainTimeoutS,
    },
    phases: [],
    notes: [],
  };
  let server;
  let rss;
  const cleanup = async () => {
    rss?.stop();
    if (server) {
      const exit = await server.stop(rss?.seen() ?? []);
      server = undefined;
      if (exit && exit.code !== 0) log(`Spanlight exited with ${exit.code ?? exit.signal} after SIGTERM`);
    }
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  process.once('SIGTERM', () => cleanup().finally(() => process.exit(143)));
  const senders = [];
  let failure;
  try {
    let endpoints;
    let pid = opts.pid;
    if (opts.external) {
      endpoints = { apiUrl: opts.apiUrl, grpcTarget: opts.grpc, httpUrl: opts.http };
      result.meta.target = `existing Spanlight at ${opts.apiUrl}`;
    } else {
      result.meta.target =
        'spawned `node backend/dist/cli.js start` (embedded Postgres, chdb, local blobs, in-process queue) on 127.0.0.1, one project per phase';
      log('starting Spanlight (node backend/dist/cli.js start)…');
      server = await startSpanlight({
        repoRoot,
        publicKey: opts.publicKey,
        secretKey: opts.secretKey,
        startupTimeoutMs: opts.startupTimeoutS * 1000,
        keepData: opts.keepData,
      });
      endpoints = server;
      pid = server.pid;
      log(`Spanlight up in ${(server.startupMs / 1000).toFixed(1)} s: ${server.apiUrl}, gRPC ${server.grpcTarget}, HTTP ${server.httpUrl}`);
    }
    if (pid) rss = startRssSampler(pid, 500);
    const auth = basicAuth(opts.publicKey, opts.secretKey);
    const api = createApiClient(endpoints.apiUrl, auth);
    const healthDeadline = performance.now() + 30_000;
    while (!(await api.health().catch(() => false))) {
      if (performance.now() > healthDeadline) throw new Error(`${endpoints.apiUrl}/health did not answer 200 within 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const newSender = (transport, authorization) =>
      transport === 'grpc'
        ? createGrpcSender(endpoints.grpcTarget, authorization)
        : createHttpSender(endpoints.httpUrl, authorization, opts.concurrency);
    senders.push(...opts.transports.map((t) => newSender(t, auth)));
    await warmUp({ api, corpus, sequence, opts, notes: result.notes }, senders);
    for (const transport of opts.transports) {
      for (const phase of ['throughput', 'latency']) {
        // A spawned instance gets one project per phase, so no phase's count (whose query cost
        // grows with the project's rows) is slowed down by what earlier phases wrote.
        let phaseAuth = auth;
        if (server) {
          const [pk, sk] = [`pk-lf-bench-${transport}-${phase}`, `sk-lf-bench-${transport}-${phase}-secret`];
          await server.createProject(`bench-${transport}-${phase}`, pk, sk);
          phaseAuth = basicAuth(pk, sk);
        }
        const sender = newSender(transport, phaseAuth);
        senders.push(sender);
        const phaseApi = createApiClient(endpoints.apiUrl, phaseAuth);
        log(`${transport}: ${phase} phase (${opts.durationS} s)…`);
        const baseline = await phaseApi.totalObservations();
        const cpuBefore = pid ? cpuSeconds(pid) : undefined;
        const run = phase === 'throughput' ? runThroughput : runLatency;
        const r = await run({
          sender,
          api: phaseApi,
          corpus,
          sequence,
          baseline,
          concurrency: opts.concurrency,
          durationS: opts.durationS,
          rate: opts.rate,
          maxRequests: opts.maxRequests,
          drainTimeoutS: opts.drainTimeoutS,
        });
        phaseApi.close();
        result.phases.push({ transport, phase, ...r, cpu: cpuDelta(cpuBefore, pid ? cpuSeconds(pid) : undefined) });
        if (!r.drained) throw new Error(`${transport} ${phase}: the read API did not reach the acknowledged count within ${opts.drainTimeoutS} s`);
      }
    }
    api.close();
  } catch (err) {
    failure = err;
    const tail = server?.stderrTail().trim();
    if (tail) log(`Spanlight stderr (tail):\n${tail}`);
    result.notes.push(`stopped early: ${err.message.split('\n')[0]}`);
  } finally {
    for (const s of senders) s.close();
    const pid = server?.pid ?? opts.pid;
    if (pid) {
      result.process = { peakRssMb: peakRssMb(pid), peakTreeRssMb: rss?.peakTreeMb(), cpu: cpuSeconds(pid), startupMs: server?.startupMs };
    }
    const cpu = process.cpuUsage();
    result.meta.clientCpuS = (cpu.user + cpu.system) / 1e6;
    await cleanup();
  }
  if (result.phases.length > 0 || failure) {
    const { markdown, json, file } = await saveReport(opts.out, result);
    console.log(markdown);
    console.log(json);
    log(`saved ${path.relative(process.cwd(), file)}`);
  }
  if (failure) {
    log(failure.stack ?? String(failure));
    process.exitCode = 1;
  }
}

main().catch((err) => {
  log(err.stack ?? String(err));
  process.exit(1);
});
