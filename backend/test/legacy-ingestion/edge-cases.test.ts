import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const event = (type: string, timestamp: string, body: unknown) => ({ id: randomUUID(), type, timestamp, body });
const ingest = (batch: unknown[]) => apiSend(spanlight.apiUrl, 'POST', '/api/public/ingestion', { batch });
const observation = (id: string, ready: (o: any) => boolean) =>
  eventually(async () => {
    const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/observations/${id}`);
    return status === 200 && ready(body) ? body : undefined;
  });
const trace = (id: string, ready: (t: any) => boolean) =>
  eventually(async () => {
    const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/traces/${id}`);
    return status === 200 && ready(body) ? body : undefined;
  });

describe('legacy ingestion edge cases', () => {
  it('merges an update that arrives before its create, in an earlier request', async () => {
    const traceId = randomUUID();
    const id = randomUUID();
    // The update's timestamp is the provisional start, on the next day: the create moves the row's start
    // day, which is part of the table's sort key.
    const update = event('generation-update', '2025-03-02T00:00:05.000Z', {
      id, traceId, endTime: '2025-03-01T10:00:04.000Z', output: 'done', usageDetails: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 } },
      metadata: { b: 2 },
    });
    expect((await ingest([update])).body).toEqual({ successes: [{ id: update.id, status: 201 }], errors: [] });
    await observation(id, (o) => o.output === 'done');
    const create = event('generation-create', '2025-03-01T10:00:01.000Z', {
      id, traceId, name: 'llm', startTime: '2025-03-01T10:00:00.500Z', model: 'gpt-4o-mini', input: 'q', output: 'stale', metadata: { a: 1, b: 1 },
    });
    await ingest([create]);
    const merged = await observation(id, (o) => o.name === 'llm');
    expect(merged).toMatchObject({
      id, traceId, type: 'GENERATION', name: 'llm', model: 'gpt-4o-mini',
      startTime: '2025-03-01T10:00:00.500Z', endTime: '2025-03-01T10:00:04.000Z',
      input: 'q', output: 'done', metadata: { a: 1, b: 2 },
      usageDetails: { input: 6, input_cached_tokens: 4, output: 5, total: 15 },
    });
    // No cost was provided: the model's prices (default catalog) give it.
    expect(merged.modelId).not.toBeNull();
    expect(merged.calculatedTotalCost).toBeGreaterThan(0);

    // The create moved the start time (part of the sort key): the earlier row is retracted, so lists
    // show the observation once.
    const window = 'fromStartTime=2025-03-01T00:00:00Z&toStartTime=2025-03-03T00:00:00Z&limit=100';
    for (const path of [`/api/public/observations?${window}`, `/api/public/v2/observations?${window}`]) {
      const listed = await apiGet(spanlight.apiUrl, path);
      const mine = listed.body.data.filter((o: any) => o.id === id).map((o: any) => o.startTime);
      expect(mine).toEqual(['2025-03-01T10:00:00.500Z']);
    }
  });

  it('answers 207 per event: a bad event never sinks the others', async () => {
    const traceId = randomUUID();
    const spanId = randomUUID();
    const now = new Date().toISOString();
    const good = [
      event('trace-create', now, { id: traceId, name: 'mixed', public: true }),
      event('span-create', now, { id: spanId, traceId, name: 'ok' }),
      event('tool-create', now, { id: randomUUID(), traceId, parentObservationId: spanId, name: 'search' }),
      event('score-create', now, { id: randomUUID(), traceId, name: 'quality', value: 1 }),
    ];
    const bad = [
      event('span-create', now, { traceId, name: 'no id' }),
      event('generation-create', now, { id: randomUUID(), traceId, promptName: 'p' }),
      { id: 'no-type', timestamp: now, body: {} },
    ];
    const res = await ingest([bad[0], good[0], bad[1], good[1], bad[2], good[2], good[3]]);
    expect(res.status).toBe(207);
    expect(res.body.successes.map((s: any) => s.id).sort()).toEqual(good.map((e) => e.id).sort());
    expect(res.body.errors.map((e: any) => [e.id, e.status])).toEqual(bad.map((e) => [e.id, 400]));
    const got = await trace(traceId, (t) => t.observations.length === 2 && t.scores.length === 1);
    expect(got).toMatchObject({ name: 'mixed', public: true });
    expect(got.observations.map((o: any) => o.type).sort()).toEqual(['SPAN', 'TOOL']);
  });

  it('keeps the first trace timestamp and takes later trace fields, whichever request comes first', async () => {
    const traceId = randomUUID();
    const later = event('trace-create', '2025-04-01T00:00:10.000Z', { id: traceId, timestamp: '2025-04-01T00:00:09.000Z', output: { a: 1 }, userId: 'u2', tags: ['y'] });
    const first = event('trace-create', '2025-04-01T00:00:01.000Z', { id: traceId, timestamp: '2025-04-01T00:00:00.000Z', name: 'n', userId: 'u1', tags: ['x'], input: 'in', output: { a: 0 } });
    const score = event('score-create', '2025-04-01T00:00:11.000Z', { id: randomUUID(), traceId, name: 's', value: 0.5 });
    await ingest([score]);
    await ingest([later]);
    await ingest([first]);
    const got = await trace(traceId, (t) => t.name === 'n' && t.scores.length === 1);
    expect(got).toMatchObject({ timestamp: '2025-04-01T00:00:00.000Z', name: 'n', userId: 'u2', tags: ['x', 'y'], input: 'in', output: { a: 1 } });
    expect(got.observations).toEqual([]);
  });

  it('normalises the legacy usage shapes', async () => {
    const traceId = randomUUID();
    const now = new Date().toISOString();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await ingest([
      event('generation-create', now, { id: ids[0], traceId, usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } }),
      event('generation-create', now, { id: ids[1], traceId, usage: { input: 3, output: 4, totalCost: 0.5 } }),
      event('generation-create', now, { id: ids[2], traceId, usageDetails: { input_tokens: 9, output_tokens: 6, total_tokens: 15, output_tokens_details: { reasoning_tokens: 2 } }, costDetails: { input: 0.1, output: 0.2 } }),
    ]);
    expect((await observation(ids[0]!, () => true)).usageDetails).toEqual({ input: 3, output: 4, total: 7 });
    const legacy = await observation(ids[1]!, () => true);
    expect(legacy).toMatchObject({ usageDetails: { input: 3, output: 4, total: 7 }, costDetails: { total: 0.5 } });
    expect(await observation(ids[2]!, () => true)).toMatchObject({
      usageDetails: { input: 9, output: 4, output_reasoning_tokens: 2, total: 15 },
      costDetails: { input: 0.1, output: 0.2, total: expect.closeTo(0.3, 9) },
    });
  });

  it('serves the legacy single-object routes', async () => {
    const traceId = randomUUID();
    const created = await apiSend(spanlight.apiUrl, 'POST', '/api/public/traces', { id: traceId, name: 'single' });
    expect(created).toEqual({ status: 200, body: { id: traceId } });
    const span = await apiSend(spanlight.apiUrl, 'POST', '/api/public/spans', { traceId, name: 'span' });
    const generation = await apiSend(spanlight.apiUrl, 'POST', '/api/public/generations', { traceId, name: 'gen', model: 'm' });
    await apiSend(spanlight.apiUrl, 'POST', '/api/public/events', { traceId, name: 'evt' });
    await apiSend(spanlight.apiUrl, 'PATCH', '/api/public/generations', { generationId: generation.body.id, output: 'out' });
    await apiSend(spanlight.apiUrl, 'PATCH', '/api/public/spans', { spanId: span.body.id, endTime: new Date().toISOString() });
    expect((await apiSend(spanlight.apiUrl, 'PATCH', '/api/public/spans', { name: 'x' })).status).toBe(400);
    const got = await trace(traceId, (t) => t.observations.length === 3 && t.observations.some((o: any) => o.output === 'out' ) &&
      t.observations.some((o: any) => o.endTime !== null));
    expect(got.name).toBe('single');
    expect(got.observations.map((o: any) => o.type).sort()).toEqual(['EVENT', 'GENERATION', 'SPAN']);
  });
});
