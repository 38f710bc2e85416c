import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalQueue } from './local-queue.js';
import type { BatchJob, JobOutcome } from './types.js';

const settings = { maxAttempts: 3, backoffMs: 5 };

describe('LocalQueue', () => {
  let dataDir: string;
  const queues: LocalQueue[] = [];
  const open = (): LocalQueue => {
    const queue = new LocalQueue({ dataDir, ...settings });
    queues.push(queue);
    return queue;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spanlight-queue-'));
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  const jobFiles = async (): Promise<string[]> =>
    (await readdir(join(dataDir, 'queue'))).filter((n) => n.endsWith('.job'));

  it('delivers jobs enqueued before and after consume() once each, then removes them', async () => {
    const queue = open();
    await queue.enqueue('a');
    const seen: BatchJob[] = [];
    queue.consume(async (job) => (seen.push(job), { status: 'done' }), { concurrency: 2 });
    await queue.enqueue('b');
    await queue.enqueue('c');
    await vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0));
    expect(seen.map((j) => j.key).sort()).toEqual(['a', 'b', 'c']);
    expect(seen.every((j) => !j.redelivered)).toBe(true);
    expect(await jobFiles()).toEqual([]);
  });

  it('never runs more jobs at once than the concurrency', async () => {
    const queue = open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let active = 0;
    let maxActive = 0;
    let started = 0;
    for (let i = 0; i < 12; i++) await queue.enqueue(`k${i}`);
    queue.consume(
      async () => {
        started++;
        maxActive = Math.max(maxActive, ++active);
        await gate;
        active--;
        return { status: 'done' };
      },
      { concurrency: 3 },
    );
    await vi.waitFor(() => expect(started).toBe(3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(3);
    expect(await queue.pendingCount()).toBe(12);
    release();
    await vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0));
    expect(started).toBe(12);
    expect(maxActive).toBe(3);
  });

  it('retries a job (returned retry or thrown error) with its attempt count, then completes it', async () => {
    const queue = open();
    await queue.enqueue('flaky');
    const deliveries: BatchJob[] = [];
    let filesDuringRetry: string[] = [];
    queue.consume(
      async (job): Promise<JobOutcome> => {
        deliveries.push(job);
        if (deliveries.length === 1) return { status: 'retry', reason: 'storage down' };
        if (deliveries.length === 2) {
          filesDuringRetry = await jobFiles();
          throw new Error('still down');
        }
        return { status: 'done' };
      },
      { concurrency: 1 },
    );
    await vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0));
    // The first failure was on disk, so a crash then would not have reset the attempt count.
    expect(filesDuringRetry).toEqual([expect.stringMatching(/\.1\.job$/)]);
    expect(deliveries.map((j) => [j.key, j.redelivered])).toEqual([
      ['flaky', false],
      ['flaky', true],
      ['flaky', true],
    ]);
    expect(await jobFiles()).toEqual([]);
    expect(await readdir(queue.deadDir)).toEqual([]);
  });

  it('parks a poison job in dead/ with its reason and never delivers it again', async () => {
    const queue = open();
    await queue.enqueue('bad');
    await queue.enqueue('good');
    const seen: string[] = [];
    queue.consume(
      async (job) => {
        seen.push(job.key);
        return job.key === 'bad' ? { status: 'poison', reason: 'not a batch' } : { status: 'done' };
      },
      { concurrency: 1 },
    );
    await vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0));
    expect(seen).toEqual(['bad', 'good']);
    const dead = (await readdir(queue.deadDir)).sort();
    expect(dead).toHaveLength(2);
    const [job, reason] = dead as [string, string];
    expect(reason).toBe(`${job}.reason`);
    expect(await readFile(join(queue.deadDir, job), 'utf8')).toBe('bad');
    expect(await readFile(join(queue.deadDir, reason), 'utf8')).toBe('not a batch\n');
    expect(await jobFiles()).toEqual([]);
  });

  it('parks a job that still fails after maxAttempts deliveries', async () => {
    const queue = open();
    await queue.enqueue('doomed');
    let deliveries = 0;
    queue.consume(async () => (deliveries++, { status: 'retry', reason: 'nope' }), { concurrency: 1 });
    await vi.waitFor(async () => expect(await queue.pendingCount()).toBe(0));
    expect(deliveries).toBe(settings.maxAttempts);
    const reasonFile = (await readdir(queue.deadDir)).find((n) => n.endsWith('.reason'))!;
    expect(await readFile(join(queue.deadDir, reasonFile), 'utf8')).toBe('gave up after 3 attempts: nope\n');
  });

  it('after a restart delivers every job left on disk once, in order, as redelivered', async () => {
    const first = open();
    for (const key of ['j1', 'j2', 'j3']) await first.enqueue(key);
    await first.close();
    // A temp file from a write interrupted by a crash is not a job.
    await writeFile(join(dataDir, 'queue', '.tmp-interrupted'), 'partial');

    const second = open();
    expect(await second.pendingCount()).toBe(3);
    const seen: BatchJob[] = [];
    second.consume(async (job) => (seen.push(job), { status: 'done' }), { concurrency: 1 });
    await vi.waitFor(async () => expect(await second.pendingCount()).toBe(0));
    expect(seen).toEqual([
      { key: 'j1', redelivered: true },
      { key: 'j2', redelivered: true },
      { key: 'j3', redelivered: true },
    ]);
    expect(await readdir(join(dataDir, 'queue'))).toEqual(['dead']);
  });

  it('after a crash mid-processing redelivers the unfinished jobs exactly once, not the finished ones', async () => {
    const crashed = open();
    for (const key of ['j1', 'j2', 'j3', 'j4']) await crashed.enqueue(key);
    let reachedJ3 = false;
    // The process "dies" while j3 is in the processor: it never returns and nothing is cleaned up.
    crashed.consume(
      async (job) => {
        if (job.key !== 'j3') return { status: 'done' };
        reachedJ3 = true;
        return new Promise<JobOutcome>(() => {});
      },
      { concurrency: 1 },
    );
    await vi.waitFor(() => expect(reachedJ3).toBe(true));
    queues.splice(queues.indexOf(crashed), 1);

    const restarted = open();
    const seen: BatchJob[] = [];
    restarted.consume(async (job) => (seen.push(job), { status: 'done' }), { concurrency: 4 });
    await vi.waitFor(async () => expect(await restarted.pendingCount()).toBe(0));
    expect(seen.map((j) => j.key).sort()).toEqual(['j3', 'j4']);
    expect(seen.every((j) => j.redelivered)).toBe(true);
    expect(await jobFiles()).toEqual([]);
  });

  it('close() waits for jobs in flight and stops taking new ones', async () => {
    const queue = open();
    await queue.enqueue('one');
    await queue.enqueue('two');
    let finish!: () => void;
    const seen: string[] = [];
    const consumer = queue.consume(
      async (job) => {
        seen.push(job.key);
        await new Promise<void>((resolve) => (finish = resolve));
        return { status: 'done' };
      },
      { concurrency: 1 },
    );
    await vi.waitFor(() => expect(seen).toEqual(['one']));
    let closed = false;
    const closing = consumer.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    finish();
    await closing;
    expect(seen).toEqual(['one']);
    expect(await queue.pendingCount()).toBe(1);
  });
});
