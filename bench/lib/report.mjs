// The result: one Markdown table (plus context lines) and one JSON line, printed and saved.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Nearest-rank percentile of unsorted values (undefined when empty). */
export function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const int = (v) => (v === undefined || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));
const dec = (v, digits = 1) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

/** `result`: { meta, phases: [{ transport, phase, ... }], process } as built by ingest.mjs. */
export function renderMarkdown(result) {
  const { meta, phases, process: proc } = result;
  const lines = [
    `# Spanlight ingest benchmark — ${meta.startedAt}`,
    '',
    `- Target: ${meta.target}; commit ${meta.commit ?? 'unknown'}; Node ${meta.node}; ${meta.cpus} × ${meta.cpuModel}`,
    `- Corpus: seed ${meta.seed}, ${meta.corpus.batches} batches × ${meta.batchSize} spans (${int(meta.corpus.spans)} spans, ` +
      `${int(meta.corpus.traces)} traces, ${dec((100 * meta.corpus.chat) / meta.corpus.spans)}% chat, ${dec((100 * meta.corpus.tool) / meta.corpus.spans)}% tool), ` +
      `avg ${dec(meta.corpus.bytes / meta.corpus.batches / 1e6, 2)} MB/batch (max ${dec(meta.corpus.maxBatchBytes / 1e6, 2)} MB), protobuf, uncompressed`,
    `- Settings: concurrency ${meta.concurrency}, duration ${meta.durationS} s per phase, latency rate ${int(meta.rate)} spans/s, drain timeout ${meta.drainTimeoutS} s`,
    '',
    row(['Transport', 'Phase', 'Spans acked', 'Accepted spans/s', 'Queryable spans/s', 'Drain after last ack s', 'p50 ms', 'p95 ms', 'max ms', 'Samples', '429 retries', 'Errors', 'CPU s']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const p of phases) {
    const lat = p.latenciesMs ?? [];
    const cpu = p.cpu === undefined ? '–' : `${dec(p.cpu.own)} (+${dec(p.cpu.children)})`;
    lines.push(
      row([
        p.transport,
        p.phase === 'throughput' ? `throughput (C=${meta.concurrency})` : `latency @ ${int(p.targetRate)}/s`,
        int(p.acked),
        int(p.phase === 'throughput' ? p.acceptedPerSec : p.achievedPerSec),
        p.phase === 'throughput' ? (p.drained ? int(p.queryablePerSec) : `not drained (${int(p.queryable)})`) : '',
        p.phase === 'throughput' ? dec(p.drainAfterLastAckSeconds, 2) : '',
        p.phase === 'latency' ? int(percentile(lat, 50)) : '',
        p.phase === 'latency' ? int(percentile(lat, 95)) : '',
        p.phase === 'latency' ? int(lat.length ? Math.max(...lat) : undefined) : '',
        p.phase === 'latency' ? `${lat.length}${p.unreached ? ` (+${p.unreached} unreached)` : ''}` : '',
        int(p.retries),
        `${p.errors}${p.rejected ? ` (+${p.rejected} spans rejected)` : ''}`,
        cpu,
      ]),
    );
  }
  lines.push('');
  if (proc) {
    lines.push(
      `- Spanlight process: peak RSS (VmHWM) ${int(proc.peakRssMb)} MB; peak RSS incl. child processes (sampled every 0.5 s) ${int(proc.peakTreeRssMb)} MB; ` +
        `CPU ${dec(proc.cpu?.own)} s (+${dec(proc.cpu?.children)} s in child processes) over the whole run` +
        (proc.startupMs === undefined ? '' : `; startup ${dec(proc.startupMs / 1000)} s`),
    );
  }
  for (const p of phases.filter((x) => x.phase === 'latency')) {
    const lower = p.lowerBoundsMs ?? [];
    lines.push(
      `- ${p.transport} latency: read-API poll round trip avg ${int(p.pollMsAvg)} ms (one poll 50 ms after the previous answer); ` +
        `measured to the poll's request instead of its answer (lower bound): p50 ${int(percentile(lower, 50))} ms, p95 ${int(percentile(lower, 95))} ms`,
    );
  }
  lines.push(`- Bench client CPU: ${dec(meta.clientCpuS)} s (it shares the machine with Spanlight)`);
  lines.push('- CPU column: seconds used by the Spanlight process during the phase (+ its child processes, i.e. embedded Postgres).');
  for (const note of result.notes ?? []) lines.push(`- Note: ${note}`);
  return lines.join('\n') + '\n';
}

/** Compact machine-readable summary (latency arrays reduced to percentiles). */
export function jsonLine(result) {
  const phases = result.phases.map(({ latenciesMs, lowerBoundsMs, consecutiveErrors, ...p }) => ({
    ...p,
    ...(latenciesMs
      ? {
          p50Ms: percentile(latenciesMs, 50),
          p95Ms: percentile(latenciesMs, 95),
          maxMs: latenciesMs.length ? Math.max(...latenciesMs) : undefined,
          samples: latenciesMs.length,
          lowerBoundP50Ms: percentile(lowerBoundsMs, 50),
          lowerBoundP95Ms: percentile(lowerBoundsMs, 95),
        }
      : {}),
  }));
  return JSON.stringify({ ...result, phases });
}

export async function saveReport(dir, result) {
  const markdown = renderMarkdown(result);
  const json = jsonLine(result);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${result.meta.startedAt.replace(/[:.]/g, '-')}.md`);
  await writeFile(file, `${markdown}\n\`\`\`json\n${json}\n\`\`\`\n`);
  return { markdown, json, file };
}
