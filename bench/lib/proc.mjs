// Resource usage of the Spanlight process from /proc (Linux only; other platforms report nothing).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Fields of /proc/<pid>/stat after the command name: [0] = state (field 3), [1] = ppid, ... */
function statFields(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function statusKb(pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** All live descendants of `pid` as { pid, start } (start = starttime, to recognize pid reuse). */
export function descendants(pid) {
  const children = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  for (const e of entries) {
    const f = statFields(e);
    if (!f) continue;
    const ppid = Number(f[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push({ pid: Number(e), start: f[19] });
  }
  const out = [];
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop();
    out.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

export function descendantPids(pid) {
  return descendants(pid).map((d) => d.pid);
}

/** SIGKILLs `proc` only if the pid still belongs to the same process (same starttime). */
export function killIfSame(proc) {
  if (statFields(proc.pid)?.[19] !== proc.start) return;
  try {
    process.kill(proc.pid, 'SIGKILL');
  } catch {}
}

/**
 * CPU seconds (user+system) of `pid` itself, and of its descendants: live ones plus those already
 * reaped (cutime/cstime). A process that exits between two readings can make a delta dip slightly.
 */
export function cpuSeconds(pid) {
  const f = statFields(pid);
  if (!f) return undefined;
  const hz = ticksPerSecond();
  const own = (Number(f[11]) + Number(f[12])) / hz;
  let children = (Number(f[13]) + Number(f[14])) / hz;
  for (const d of descendants(pid)) {
    const g = statFields(d.pid);
    if (g) children += (Number(g[11]) + Number(g[12]) + Number(g[13]) + Number(g[14])) / hz;
  }
  return { own, children };
}

/** Peak RSS (VmHWM) of `pid` in MB. */
export function peakRssMb(pid) {
  const kb = statusKb(pid, 'VmHWM');
  return kb === undefined ? undefined : kb / 1024;
}

/**
 * Samples the RSS of `pid` plus its descendants (embedded Postgres) every `intervalMs`, keeping the
 * maximum of the sum, and remembers the descendants so they can be cleaned up if orphaned.
 */
export function startRssSampler(pid, intervalMs) {
  const seen = new Map();
  let peakTreeMb = 0;
  const sample = () => {
    let kb = statusKb(pid, 'VmRSS') ?? 0;
    for (const d of descendants(pid)) {
      seen.set(`${d.pid}:${d.start}`, d);
      kb += statusKb(d.pid, 'VmRSS') ?? 0;
    }
    peakTreeMb = Math.max(peakTreeMb, kb / 1024);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    peakTreeMb: () => peakTreeMb,
    seen: () => [...seen.values()],
    stop: () => clearInterval(timer),
  };
}
