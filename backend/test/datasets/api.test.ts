import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const send = (method: string, path: string, body?: unknown) => apiSend(spanlight.apiUrl, method, path, body);
const get = (path: string) => apiGet(spanlight.apiUrl, path);

describe('dataset items are versioned', () => {
  it('keeps every upsert, answers ?version= with the state at that time and keeps history after deletion', async () => {
    await send('POST', '/api/public/v2/datasets', { name: 'versioned' });
    const v1 = (await send('POST', '/api/public/dataset-items', { datasetName: 'versioned', id: 'item-1', input: 'first', metadata: { m: 1 } })).body;
    const other = (await send('POST', '/api/public/dataset-items', { datasetName: 'versioned', input: 'other' })).body;
    const v2 = (await send('POST', '/api/public/dataset-items', { datasetName: 'versioned', id: 'item-1', input: 'second' })).body;
    expect(v2).toMatchObject({ id: 'item-1', input: 'second', metadata: { m: 1 }, createdAt: v1.createdAt });
    expect(Date.parse(v2.updatedAt)).toBeGreaterThan(Date.parse(v1.updatedAt));

    const atV1 = await get(`/api/public/dataset-items?datasetName=versioned&version=${encodeURIComponent(v1.updatedAt)}`);
    expect(atV1.body.data.map((i: any) => [i.id, i.input])).toEqual([['item-1', 'first']]);
    const now = await get('/api/public/dataset-items?datasetName=versioned');
    expect(now.body.data.map((i: any) => i.input).sort()).toEqual(['other', 'second']);

    expect((await send('DELETE', '/api/public/dataset-items/item-1')).body).toEqual({ message: 'Dataset item successfully deleted' });
    expect((await get('/api/public/dataset-items/item-1')).status).toBe(404);
    const afterDelete = await get('/api/public/dataset-items?datasetName=versioned');
    expect(afterDelete.body.data.map((i: any) => i.id)).toEqual([other.id]);
    const atV2 = await get(`/api/public/dataset-items?datasetName=versioned&version=${encodeURIComponent(v2.updatedAt)}`);
    expect(atV2.body.data.map((i: any) => i.input).sort()).toEqual(['other', 'second']);
    expect((await send('DELETE', '/api/public/dataset-items/item-1')).status).toBe(404);
  });

  it('keeps an item id in one dataset of the project', async () => {
    await send('POST', '/api/public/datasets', { name: 'first' });
    await send('POST', '/api/public/datasets', { name: 'second' });
    expect((await send('POST', '/api/public/dataset-items', { datasetName: 'first', id: 'shared' })).status).toBe(200);
    const moved = await send('POST', '/api/public/dataset-items', { datasetName: 'second', id: 'shared' });
    expect(moved).toMatchObject({ status: 400, body: { error: 'InvalidRequestError' } });
  });
});

describe('runs', () => {
  it('excludes archived items from new runs, pins datasetVersion and snapshots run items', async () => {
    await send('POST', '/api/public/v2/datasets', { name: 'runs' });
    const v1 = (await send('POST', '/api/public/dataset-items', { datasetName: 'runs', id: 'r-1', input: 'x' })).body;
    await send('POST', '/api/public/dataset-items', { datasetName: 'runs', id: 'r-1', status: 'ARCHIVED' });
    const archived = await send('POST', '/api/public/dataset-run-items', { runName: 'run', datasetItemId: 'r-1', traceId: 't1' });
    expect(archived).toMatchObject({ status: 400, body: { message: 'Dataset item r-1 is archived and cannot be added to a run' } });
    expect((await get('/api/public/datasets/runs/runs')).body.data).toEqual([]);

    const pinned = await send('POST', '/api/public/dataset-run-items', { runName: 'run', datasetItemId: 'r-1', traceId: 't1', datasetVersion: v1.updatedAt });
    expect(pinned).toMatchObject({ status: 200, body: { datasetItemId: 'r-1', traceId: 't1', observationId: null } });

    const legacy = await get('/api/public/datasets/runs');
    expect(legacy.body).toMatchObject({ name: 'runs', runs: ['run'] });
    expect(legacy.body.items.map((i: any) => [i.id, i.status])).toEqual([['r-1', 'ARCHIVED']]);
    const listed = await get('/api/public/datasets');
    expect(listed.body.data.find((d: any) => d.name === 'runs')).toMatchObject({ runs: ['run'] });

    // Deleting the item deletes its run items.
    await send('DELETE', '/api/public/dataset-items/r-1');
    expect((await get('/api/public/datasets/runs/runs/run')).body.datasetRunItems).toEqual([]);
  });

  it('needs a trace: traceId, or an observationId that exists', async () => {
    await send('POST', '/api/public/v2/datasets', { name: 'needs-trace' });
    await send('POST', '/api/public/dataset-items', { datasetName: 'needs-trace', id: 'nt-1' });
    const none = await send('POST', '/api/public/dataset-run-items', { runName: 'r', datasetItemId: 'nt-1' });
    expect(none).toMatchObject({ status: 400, body: { message: 'traceId or observationId is required' } });
    const unknown = await send('POST', '/api/public/dataset-run-items', { runName: 'r', datasetItemId: 'nt-1', observationId: 'nope' });
    expect(unknown.body.message).toBe('traceId is required: observation nope was not found');
  });
});

describe('invalid input and missing objects', () => {
  it('answers Langfuse-shaped errors', async () => {
    expect(await send('POST', '/api/public/v2/datasets', '{not json')).toMatchObject({ status: 400, body: { error: 'InvalidRequestError' } });
    const noName = await send('POST', '/api/public/v2/datasets', { description: 'x' });
    expect(noName).toMatchObject({ status: 400, body: { message: 'Invalid request data' } });
    expect(noName.body.error[0].path).toEqual(['name']);
    const badSchema = await send('POST', '/api/public/v2/datasets', { name: 'bad', inputSchema: { type: 'nope' } });
    expect(badSchema.status).toBe(400);
    expect(badSchema.body.message).toMatch(/^inputSchema is not a valid JSON Schema/);
    expect((await get('/api/public/dataset-items?version=2024-01-01T00:00:00Z')).body.message).toBe('The version parameter requires datasetName');
    expect((await get('/api/public/dataset-items?limit=101')).status).toBe(400);
    expect((await send('POST', '/api/public/dataset-items', { datasetName: 'missing' })).body).toEqual({
      message: 'Dataset not found',
      error: 'LangfuseNotFoundError',
    });
    expect((await get('/api/public/datasets/missing/runs/r')).body.message).toBe('Dataset not found');
    expect((await get('/api/public/dataset-run-items?datasetId=x')).status).toBe(400);
    const unauthenticated = await fetch(`${spanlight.apiUrl}/api/public/v2/datasets`);
    expect(unauthenticated.status).toBe(401);
  });

  it('rejects a schema that existing items break, and accepts one they match', async () => {
    await send('POST', '/api/public/v2/datasets', { name: 'late-schema' });
    await send('POST', '/api/public/dataset-items', { datasetName: 'late-schema', id: 'ls-1', input: { q: 'x' } });
    const broken = await send('POST', '/api/public/v2/datasets', { name: 'late-schema', inputSchema: { type: 'string' } });
    expect(broken).toMatchObject({ status: 400, body: { error: [{ datasetItemId: 'ls-1' }] } });
    const ok = await send('POST', '/api/public/v2/datasets', { name: 'late-schema', inputSchema: { type: 'object' }, description: 'now typed' });
    expect(ok).toMatchObject({ status: 200, body: { description: 'now typed', inputSchema: { type: 'object' } } });
  });
});
