// The two measurements per transport. Both are bounded: sending stops at the duration or the
// request cap, retries of one batch stop after MAX_RETRIES, waiting for the read side stops at the
// drain timeout.
import { batchBytes } from './corpus.mjs';
import { startPoller, waitForTotal } from './api.mjs';

const MAX_RETRIES = 100;
const MAX_CONSECUTIVE_ERRORS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Sends one batch, retrying backpressure answers (429 / RESOURCE_EXHAUSTED) with capped backoff. */
async function sendBatch(sender, corpus, index, stats) {
  const { bytes, spans } = batchBytes(corpus, index);
  let backoff = 10;
  let reason = 'retries exhausted';
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    const outcome = await sender.send(bytes);
    if (outcome.ok) {
      stats.consecutiveErrors = 0;
      stats.rejected += outcome.rejected;
      return spans - outcome.rejected;
    }
    reason = outcome.reason;
    if (!outcome.retryable) break;
    stats.retries += 1;
    await sleep(Math.min(outcome.retryAfterMs ?? backoff, 2_000));
    backoff = Math.min(backoff * 2, 500);
  }
  stats.errors += 1;
  stats.consecutiveErrors += 1;
  stats.lastError = reason;
  return 0;
}

function newStats() {
  return { requests: 0, acked: 0, rejected: 0, retries: 0, errors: 0, consecutiveErrors: 0, lastError: undefined };
}

function checkErrors(stats) {
  if (stats.consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
    throw new Error(`${stats.consecutiveErrors} failed requests in a row; last: ${stats.lastError}`);
  }
}

/**
 * Phase 1: C workers send back to back for `durationS`; then waits until the read API counts
 * everything acknowledged. `sequence.next()` hands out globally unique send numbers.
 */
export async function runThroughput({ sender, api, corpus, sequence, concurrency, durationS, maxRequests, drainTimeoutS, baseline }) {
  const stats = newStats();
  const t0 = performance.now();
  const stopAt = t0 + durationS * 1000;
  let lastAckAt = t0;
  const worker = async () => {
    while (performance.now() < stopAt && stats.requests < maxRequests) {
      checkErrors(stats);
      stats.requests += 1;
      const acked = await sendBatch(sender, corpus, sequence.next(), stats);
      if (acked > 0) {
        stats.acked += acked;
        lastAckAt = performance.now();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const sendSeconds = (lastAckAt - t0) / 1000;
  const poller = startPoller(api, 50);
  try {
    const target = baseline + stats.acked;
    const reachedAt = await waitForTotal(poller, target, drainTimeoutS * 1000);
    const latestTotal = poller.latest();
    return {
      ...stats,
      sendSeconds,
      acceptedPerSec: stats.acked / sendSeconds,
      drained: reachedAt !== undefined,
      queryable: latestTotal === undefined ? undefined : latestTotal - baseline,
      endToEndSeconds: reachedAt === undefined ? undefined : (reachedAt - t0) / 1000,
      queryablePerSec: reachedAt === undefined ? undefined : stats.acked / ((reachedAt - t0) / 1000),
      drainAfterLastAckSeconds: reachedAt === undefined ? undefined : (reachedAt - lastAckAt) / 1000,
      pollError: poller.lastError?.message,
    };
  } finally {
    await poller.stop();
  }
}

/**
 * Phase 2: open-loop sending at `rate` spans/s (at most `concurrency` requests in flight) while
 * polling the read API every 50 ms; then the accepted→queryable latency of each batch.
 */
export async function runLatency({ sender, api, corpus, sequence, concurrency, durationS, rate, maxRequests, drainTimeoutS, baseline }) {
  const stats = newStats();
  const batchSize = corpus.batches[0].spans;
  const intervalMs = (batchSize / rate) * 1000;
  const acks = [];
  const inflight = new Set();
  let late = 0;
  const poller = startPoller(api, 50);
  try {
    const t0 = performance.now();
    const stopAt = t0 + durationS * 1000;
    for (let k = 0; k < maxRequests; k++) {
      const due = t0 + k * intervalMs;
      if (due >= stopAt) break;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      while (inflight.size >= concurrency) await Promise.race(inflight);
      if (performance.now() - due > intervalMs) late += 1;
      checkErrors(stats);
      stats.requests += 1;
      const p = sendBatch(sender, corpus, sequence.next(), stats).then((acked) => {
        if (acked > 0) acks.push({ at: performance.now(), spans: acked });
        inflight.delete(p);
      });
      inflight.add(p);
    }
    await Promise.all(inflight);
    const lastAckAt = acks.at(-1)?.at ?? t0;
    stats.acked = acks.reduce((n, a) => n + a.spans, 0);
    const reachedAt = await waitForTotal(poller, baseline + stats.acked, drainTimeoutS * 1000);
    const latencies = batchLatencies(acks, poller.samples, baseline);
    return {
      ...stats,
      targetRate: rate,
      achievedPerSec: stats.acked / Math.max(0.001, (lastAckAt - t0) / 1000),
      lateSends: late,
      drained: reachedAt !== undefined,
      latenciesMs: latencies.values,
      lowerBoundsMs: latencies.lower,
      unreached: latencies.unreached,
      pollMsAvg: poller.pollMs.reduce((a, b) => a + b, 0) / Math.max(1, poller.pollMs.length),
      pollError: poller.lastError?.message,
    };
  } finally {
    await poller.stop();
  }
}

/**
 * For each acknowledged batch (in ack order), the first poll answer arriving after its ack with
 * total >= baseline + spans acknowledged up to and including it. Approximate: the read API counts
 * observations, not batches, so a later batch landing first can stand in for an earlier one. The
 * latency runs to that poll's answer (an upper bound); to the moment that poll was sent, a lower one.
 */
export function batchLatencies(acks, samples, baseline) {
  const ordered = [...acks].sort((a, b) => a.at - b.at);
  const values = [];
  const lower = [];
  let unreached = 0;
  let cumulative = 0;
  let from = 0;
  for (const ack of ordered) {
    cumulative += ack.spans;
    while (from < samples.length && samples[from].at < ack.at) from++;
    let hit;
    for (let i = from; i < samples.length; i++) {
      if (samples[i].total - baseline >= cumulative) {
        hit = samples[i];
        break;
      }
    }
    if (hit) {
      values.push(hit.at - ack.at);
      lower.push(Math.max(0, hit.sent - ack.at));
    } else unreached += 1;
  }
  return { values, lower, unreached };
}
