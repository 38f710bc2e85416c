import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateClickHouse, openClickHouse } from '../../src/clickhouse/index.js';
import { compareRuns } from '../../src/datasets/index.js';
import { deleteRunItems, insertRunItem } from '../../src/datasets/run-items-repo.js';

const PROJECT = 'project-compare';
const DATASET = 'dataset-1';
let dir: string;
let clickhouse: ClickHouseClient;

const ts = (seconds: number) => `2025-06-01 12:00:${String(seconds).padStart(2, '0')}.000000`;

function observation(traceId: string, id: string, parent: string, start: number, end: number, extra: Record<string, unknown> = {}) {
  return {
    project_id: PROJECT, trace_id: traceId, id, parent_observation_id: parent, type: parent ? 'GENERATION' : 'SPAN', name: id,
    start_time: ts(start), end_time: ts(end), is_root: parent === '', event_ts: ts(0), ...extra,
  };
}

function score(id: string, target: { trace_id?: string; dataset_run_id?: string }, name: string, value: number) {
  return {
    project_id: PROJECT, id, timestamp: ts(30), ...target, name, value, data_type: 'NUMERIC', source: 'API', environment: 'default',
    created_at: ts(30), event_ts: ts(30),
  };
}

async function link(runId: string, itemId: string, traceId: string, observationId: string | null = null) {
  await insertRunItem(clickhouse, {
    projectId: PROJECT, datasetId: DATASET, runId, runName: `name-${runId}`, runDescription: null, runMetadata: null,
    runCreatedAt: '2025-06-01T12:00:00.000Z', id: `${runId}-${itemId}-${traceId}`, datasetItemId: itemId, traceId, observationId,
    itemInput: { q: itemId }, itemExpectedOutput: `answer ${itemId}`, itemMetadata: null, itemVersion: null,
    createdAt: '2025-06-01T12:00:01.000Z',
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-compare-'));
  clickhouse = openClickHouse({ dataDir: dir });
  await migrateClickHouse(clickhouse);
  await clickhouse.insert({
    table: 'observations',
    format: 'JSONEachRow',
    values: [
      observation('t-a1', 'a1-root', '', 0, 4, { trace_output: '"A1"' }),
      observation('t-a1', 'a1-llm', 'a1-root', 1, 3, { output: '"llm A1"', cost_details: { total: 0.5 } }),
      observation('t-a2', 'a2-root', '', 0, 2, { output: '"A2 root"', cost_details: { total: 0.25 } }),
      observation('t-b1', 'b1-root', '', 0, 1, { output: '"B1"', cost_details: { total: 0.1 } }),
    ],
  });
  await clickhouse.insert({
    table: 'scores',
    format: 'JSONEachRow',
    values: [
      score('s1', { trace_id: 't-a1' }, 'accuracy', 1),
      score('s2', { trace_id: 't-a1' }, 'accuracy', 0.5),
      score('s3', { trace_id: 't-a2' }, 'accuracy', 0),
      score('s4', { trace_id: 't-b1' }, 'accuracy', 1),
      score('s5', { dataset_run_id: 'run-a' }, 'overall', 0.7),
      score('s6', { trace_id: 't-other' }, 'accuracy', 0),
    ],
  });
  await link('run-a', 'item-1', 't-a1', 'a1-llm');
  await link('run-a', 'item-2', 't-a2');
  await link('run-b', 'item-1', 't-b1');
  await link('run-b', 'item-2', 't-missing');
  await link('run-c', 'item-1', 't-b1');
});

afterAll(async () => {
  await clickhouse?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('compareRuns', () => {
  it('gives per item each run’s output, latency, cost and scores, and per run the averages', async () => {
    const comparison = await compareRuns(clickhouse, PROJECT, DATASET, ['run-a', 'run-b']);
    expect(comparison.items.map((i) => i.datasetItemId)).toEqual(['item-1', 'item-2']);
    const [item1, item2] = comparison.items;
    expect(item1).toMatchObject({ input: { q: 'item-1' }, expectedOutput: 'answer item-1' });
    // A linked observation's own output; otherwise the trace's output (or its root's).
    expect(item1!.runs['run-a']).toMatchObject({ traceId: 't-a1', observationId: 'a1-llm', output: 'llm A1', latency: 4, totalCost: 0.5, scores: { accuracy: 0.75 } });
    expect(item1!.runs['run-b']).toMatchObject({ output: 'B1', latency: 1, totalCost: 0.1, scores: { accuracy: 1 } });
    expect(item2!.runs['run-a']).toMatchObject({ output: 'A2 root', latency: 2, totalCost: 0.25, scores: { accuracy: 0 } });
    // The trace has not arrived: nulls, not zeros.
    expect(item2!.runs['run-b']).toMatchObject({ traceId: 't-missing', output: null, latency: null, totalCost: null, scores: {} });

    expect(comparison.runs).toEqual([
      { runId: 'run-a', runName: 'name-run-a', itemCount: 2, avgLatency: 3, avgTotalCost: 0.375, avgScores: { accuracy: 0.375 }, runScores: { overall: 0.7 } },
      { runId: 'run-b', runName: 'name-run-b', itemCount: 2, avgLatency: 1, avgTotalCost: 0.1, avgScores: { accuracy: 1 }, runScores: {} },
    ]);
  });

  it('is scoped to the project and leaves out deleted run items', async () => {
    expect(await compareRuns(clickhouse, 'other-project', DATASET, ['run-a'])).toEqual({ runs: [], items: [] });
    await deleteRunItems(clickhouse, PROJECT, { datasetId: DATASET, runIds: ['run-c'] });
    expect((await compareRuns(clickhouse, PROJECT, DATASET, ['run-c'])).items).toEqual([]);
  });
});
