import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface SpanlightProcess {
  child: ChildProcess;
  apiUrl: string;
  otlpHttpUrl: string;
  output: () => string;
}

/** Runs the built CLI (`npm test` builds first) as a separate process and waits for its banner. */
export async function spawnSpanlight(env: Record<string, string>, args = ['start']): Promise<SpanlightProcess> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (/Data:/.test(out)) {
      const api = /API:\s+http:\/\/localhost:(\d+)/.exec(out);
      const otlp = /OTLP\/HTTP:\s+http:\/\/localhost:(\d+)\/v1\/traces/.exec(out);
      return {
        child,
        apiUrl: `http://127.0.0.1:${api?.[1]}`,
        otlpHttpUrl: `http://127.0.0.1:${otlp?.[1]}`,
        output: () => out,
      };
    }
    if (child.exitCode !== null) throw new Error(`spanlight exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`spanlight did not start within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
