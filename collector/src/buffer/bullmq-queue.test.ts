import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { BullmqQueue } from './bullmq-queue.js';
import type { BatchJob, JobOutcome } from './types.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis) console.warn('SKIPPED BullmqQueue tests: redis-server is not on PATH (apt-get install redis-server)');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

describe.skipIf(!hasRedis)('BullmqQueue', () => {
  let redis: { url: string; process: ChildProcess };
  let queueName: string;
  let n = 0;
  const logger = createLogger('silent');

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    redis?.process.kill('SIGKILL');
  });
  beforeEach(() => {
    queueName = `test-${++n}`;
  });

  const open = (maxAttempts = 3): BullmqQueue =>
    new BullmqQueue({ redisUrl: redis.url, queueName, maxAttempts, backoffMs: 10, logger });

  /** Inspects what BullMQ kept, through its own API. */
  const failedJobs = async (): Promise<{ key: string; reason: string; attempts: number }[]> => {
    const raw = new Queue(queueName, { connection: { url: redis.url } });
    const failed = await raw.getFailed();
    await raw.close();
    return failed.map((j) => ({ key: j.data.key as string, reason: j.failedReason, attempts: j.attemptsMade }));
  };

  it('delivers each enqueued key once (a repeated key is deduplicated) and forgets completed jobs', async () => {
    const queue = open();
    await queue.enqueue('otel/p/a.jsonl');
    await queue.enqueue('otel/p/a.jsonl');
    await queue.enqueue('otel/p/b.jsonl');
    expect(await queue.pendingCount()).toBe(2);
    const seen: BatchJob[] = [];
    const consumer = queue.consume(async (job) => (seen.push(job), { status: 'done' }), { concurrency: 4 });
    await vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0));
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen.map((j) => j.key).sort()).toEqual(['otel/p/a.jsonl', 'otel/p/b.jsonl']);
    expect(seen.every((j) => !j.redelivered)).toBe(true);
    await consumer.close();
    await queue.close();
  });

  it('retries after a retry outcome or a thrown error, marking the job redelivered', async () => {
    const queue = open();
    await queue.enqueue('flaky');
    const deliveries: BatchJob[] = [];
    queue.consume(
      async (job): Promise<JobOutcome> => {
        deliveries.push(job);
        if (deliveries.length === 1) return { status: 'retry', reason: 'clickhouse down' };
        if (deliveries.length === 2) throw new Error('still down');
        return { status: 'done' };
      },
      { concurrency: 1 },
    );
    await vi.waitFor(() => expect(deliveries).toHaveLength(3));
    await vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0));
    expect(deliveries.map((j) => j.redelivered)).toEqual([false, true, true]);
    expect(await failedJobs()).toEqual([]);
    await queue.close();
  });

  it('keeps a poison job as failed with its reason, without retrying it', async () => {
    const queue = open();
    await queue.enqueue('bad');
    let deliveries = 0;
    queue.consume(async () => (deliveries++, { status: 'poison', reason: 'invalid batch header' }), {
      concurrency: 1,
    });
    await vi.waitFor(async () => expect(await failedJobs()).toHaveLength(1));
    expect(await failedJobs()).toEqual([{ key: 'bad', reason: 'invalid batch header', attempts: 1 }]);
    expect(deliveries).toBe(1);
    expect(await queue.pendingCount()).toBe(0);
    await queue.close();
  });

  it('keeps a job as failed once it used up maxAttempts', async () => {
    const queue = open(2);
    await queue.enqueue('doomed');
    let deliveries = 0;
    queue.consume(async () => (deliveries++, { status: 'retry', reason: 'nope' }), { concurrency: 1 });
    await vi.waitFor(async () => expect(await failedJobs()).toHaveLength(1));
    expect(await failedJobs()).toEqual([{ key: 'doomed', reason: 'nope', attempts: 2 }]);
    expect(deliveries).toBe(2);
    await queue.close();
  });
});
