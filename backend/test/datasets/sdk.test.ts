import { LangfuseClient } from '@langfuse/client';
import { Langfuse } from 'langfuse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

describe('the legacy langfuse SDK (v3)', () => {
  it('creates a dataset and items, fetches them page by page and links them to traces in a run', async () => {
    const langfuse = new Langfuse({ ...TEST_KEYS, baseUrl: spanlight.apiUrl, flushAt: 1000, flushInterval: 600_000, fetchRetryCount: 0 });
    const created = await langfuse.createDataset({ name: 'qa/v3', description: 'questions', metadata: { owner: 'e2e' } });
    expect(created).toMatchObject({ name: 'qa/v3', description: 'questions', metadata: { owner: 'e2e' } });
    for (let i = 0; i < 7; i++) {
      const item = await langfuse.createDatasetItem({ datasetName: 'qa/v3', id: `v3-item-${i}`, input: { q: i }, expectedOutput: `a${i}` });
      expect(item).toMatchObject({ id: `v3-item-${i}`, status: 'ACTIVE', datasetName: 'qa/v3', datasetId: created.id });
    }

    const dataset = await langfuse.getDataset('qa/v3', { fetchItemsPageSize: 3 });
    expect(dataset).toMatchObject({ id: created.id, name: 'qa/v3', description: 'questions' });
    expect(dataset.items.map((i) => i.id).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `v3-item-${i}`));

    const trace = langfuse.trace({ name: 'experiment v3' });
    const span = trace.span({ name: 'task' });
    for (const item of dataset.items.slice(0, 4)) {
      await item.link(span, 'run-v3', { description: 'first run', metadata: { model: 'gpt' } });
    }

    const run = await langfuse.getDatasetRun({ datasetName: 'qa/v3', runName: 'run-v3' });
    expect(run).toMatchObject({ name: 'run-v3', description: 'first run', metadata: { model: 'gpt' }, datasetId: created.id });
    expect(run.datasetRunItems).toHaveLength(4);
    expect(run.datasetRunItems[0]).toMatchObject({ traceId: trace.id, observationId: span.id, datasetRunName: 'run-v3' });
    const runs = await langfuse.getDatasetRuns('qa/v3');
    expect(runs.data.map((r) => r.name)).toEqual(['run-v3']);
    expect(runs.meta).toMatchObject({ totalItems: 1 });

    expect(await langfuse.getDatasetItem('v3-item-3')).toMatchObject({ input: { q: 3 }, expectedOutput: 'a3' });
  });
});

describe('@langfuse/client (v5)', () => {
  const client = () => new LangfuseClient({ ...TEST_KEYS, baseUrl: spanlight.apiUrl });

  it('creates a dataset and items, fetches them page by page, links items in a run and reads the run items back', async () => {
    const langfuse = client();
    const created = await langfuse.api.datasets.create({
      name: 'qa-v5',
      inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
    });
    expect(created.inputSchema).toMatchObject({ required: ['q'] });
    for (let i = 0; i < 5; i++) {
      await langfuse.dataset.createItem({ datasetName: 'qa-v5', id: `v5-item-${i}`, input: { q: `question ${i}` }, expectedOutput: { a: i } });
    }
    const dataset = await langfuse.dataset.get('qa-v5', { fetchItemsPageSize: 2 });
    expect(dataset.items).toHaveLength(5);
    expect(dataset.items.find((i) => i.id === 'v5-item-4')).toMatchObject({ input: { q: 'question 4' }, expectedOutput: { a: 4 } });

    const traceIds = ['a'.repeat(32), 'b'.repeat(32)];
    for (const [n, traceId] of traceIds.entries()) {
      const runItem = await langfuse.api.datasetRunItems.create({
        runName: 'run-v5',
        datasetItemId: `v5-item-${n}`,
        traceId,
        observationId: `${n}`.repeat(16),
        metadata: { temperature: 0 },
      });
      expect(runItem).toMatchObject({ datasetItemId: `v5-item-${n}`, traceId, datasetRunName: 'run-v5' });
    }

    const page1 = await langfuse.api.datasetRunItems.list({ datasetId: dataset.id, runName: 'run-v5', limit: 1, page: 1 });
    const page2 = await langfuse.api.datasetRunItems.list({ datasetId: dataset.id, runName: 'run-v5', limit: 1, page: 2 });
    expect(page1.meta).toMatchObject({ totalItems: 2, totalPages: 2 });
    expect([...page1.data, ...page2.data].map((r) => r.traceId).sort()).toEqual(traceIds);

    const run = await langfuse.api.datasets.getRun('qa-v5', 'run-v5');
    expect(run).toMatchObject({ name: 'run-v5', metadata: { temperature: 0 }, datasetName: 'qa-v5' });
    expect(run.datasetRunItems).toHaveLength(2);

    const deleted = await langfuse.api.datasets.deleteRun('qa-v5', 'run-v5');
    expect(deleted.message).toMatch(/deleted/);
    expect((await langfuse.api.datasets.getRuns('qa-v5')).data).toEqual([]);
  });

  it('rejects items that break the dataset JSON Schema', async () => {
    const langfuse = client();
    await langfuse.api.datasets.create({ name: 'schema-v5', inputSchema: { type: 'object', required: ['q'] } });
    const error = await langfuse.dataset.createItem({ datasetName: 'schema-v5', input: { nope: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 400, body: { message: "Dataset item does not match the dataset's JSON Schema" } });
  });

  it('answers 404 with a message for what does not exist', async () => {
    const langfuse = client();
    await expect(langfuse.api.datasets.get('no-such-dataset')).rejects.toMatchObject({
      statusCode: 404,
      body: { message: 'Dataset not found', error: 'LangfuseNotFoundError' },
    });
    await expect(langfuse.api.datasetItems.get('no-such-item')).rejects.toMatchObject({ statusCode: 404, body: { message: 'Dataset item not found' } });
  });
});
