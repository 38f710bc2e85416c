import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, basicAuthHeader, eventually, startTestSpanlight, TEST_KEYS, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const post = (path: string, body: unknown, authorization?: string) => apiSend(spanlight.apiUrl, 'POST', path, body, authorization);

const event = (type: string, body: unknown, id = randomUUID()) => ({ id, type, timestamp: new Date().toISOString(), body });

/** Waits until the score is readable (ingestion is asynchronous) and returns it. */
const scoreById = (id: string) =>
  eventually(async () => {
    const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/v2/scores/${id}`);
    return status === 200 ? body : undefined;
  });

describe('POST /api/public/ingestion', () => {
  it('answers 207 per event: stores the good ones, reports the bad ones', async () => {
    const traceId = randomUUID();
    const good = event('score-create', { id: `s-${traceId}`, traceId, name: 'accuracy', value: 0.9 });
    const boolean = event('score-create', { traceId, name: 'helpful', value: 1, dataType: 'BOOLEAN' });
    const noTarget = event('score-create', { name: 'orphan', value: 1 });
    const badBoolean = event('score-create', { traceId, name: 'helpful', value: 2, dataType: 'BOOLEAN' });
    const trace = event('trace-create', { id: traceId, name: 'scored trace' });
    const sdkLog = event('sdk-log', { log: 'debug' });
    const res = await post('/api/public/ingestion', {
      batch: [good, { id: 42, type: 'score-create' }, boolean, noTarget, badBoolean, trace, sdkLog],
    });

    expect(res.status).toBe(207);
    expect(res.body.successes).toEqual([
      { id: good.id, status: 201 },
      { id: boolean.id, status: 201 },
      { id: trace.id, status: 201 },
    ]);
    const errors = Object.fromEntries(res.body.errors.map((e: any) => [e.id, e]));
    expect(res.body.errors).toHaveLength(3);
    expect(errors.unknown).toMatchObject({ status: 400, message: 'Invalid request data' });
    expect(errors[noTarget.id]).toMatchObject({ status: 400, error: expect.stringContaining('Exactly one of traceId') });
    expect(errors[badBoolean.id]).toMatchObject({ status: 400, message: 'BOOLEAN scores need the value 0 or 1' });

    expect(await scoreById(`s-${traceId}`)).toMatchObject({
      id: `s-${traceId}`,
      traceId,
      name: 'accuracy',
      value: 0.9,
      dataType: 'NUMERIC',
      source: 'API',
      environment: 'default',
      timestamp: good.timestamp,
    });
    const listed = await eventually(async () => {
      const { body } = await apiGet(spanlight.apiUrl, `/api/public/v2/scores?traceId=${traceId}`);
      return body.data.length === 2 ? body : undefined;
    });
    expect(listed.data.find((s: any) => s.name === 'helpful')).toMatchObject({ dataType: 'BOOLEAN', value: 1, stringValue: 'True' });
    expect(listed.meta).toEqual({ page: 1, limit: 50, totalItems: 2, totalPages: 1 });
  });

  it('refuses a request that is not {batch: [...]} as a whole', async () => {
    const res = await post('/api/public/ingestion', { events: [] });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid request data');
  });

  it('accepts Bearer public-key auth for scores only', async () => {
    const traceId = randomUUID();
    const score = event('score-create', { id: `b-${traceId}`, traceId, name: 'thumbs', value: 'up' });
    const trace = event('trace-create', { id: traceId });
    const res = await post('/api/public/ingestion', { batch: [score, trace] }, `Bearer ${TEST_KEYS.publicKey}`);
    expect(res.status).toBe(207);
    expect(res.body.successes).toEqual([{ id: score.id, status: 201 }]);
    expect(res.body.errors).toEqual([{ id: trace.id, status: 401, message: 'Authentication error', error: 'Access Scope Denied' }]);
    expect(await scoreById(`b-${traceId}`)).toMatchObject({ dataType: 'CATEGORICAL', stringValue: 'up', value: 0 });

    expect((await post('/api/public/ingestion', { batch: [] }, 'Bearer pk-lf-unknown')).status).toBe(401);
    // Reads still need the key pair.
    const read = await fetch(`${spanlight.apiUrl}/api/public/v2/scores`, { headers: { authorization: `Bearer ${TEST_KEYS.publicKey}` } });
    expect(read.status).toBe(401);
  });

  it('treats the score id as an upsert key: the later write wins', async () => {
    const id = `u-${randomUUID()}`;
    const traceId = randomUUID();
    await post('/api/public/ingestion', { batch: [event('score-create', { id, traceId, name: 'quality', value: 1 })] });
    await scoreById(id);
    await post('/api/public/ingestion', {
      batch: [event('score-create', { id, traceId, name: 'quality', value: 5, comment: 'revised' })],
    });
    const updated = await eventually(async () => {
      const score = await scoreById(id);
      return score.value === 5 ? score : undefined;
    });
    expect(updated).toMatchObject({ comment: 'revised' });
    const { body } = await apiGet(spanlight.apiUrl, `/api/public/v2/scores?traceId=${traceId}`);
    expect(body.data).toHaveLength(1);
  });
});

describe('scores and score configs', () => {
  it('enforces configs on POST /api/public/scores with clear messages', async () => {
    const created = await post('/api/public/score-configs', {
      name: 'rating',
      dataType: 'CATEGORICAL',
      categories: [
        { label: 'good', value: 1 },
        { label: 'bad', value: 0 },
      ],
    });
    expect(created.status).toBe(200);
    const config = created.body;
    expect(config).toMatchObject({ name: 'rating', dataType: 'CATEGORICAL', isArchived: false, projectId: expect.any(String) });
    const range = (await post('/api/public/score-configs', { name: 'stars', dataType: 'NUMERIC', minValue: 1, maxValue: 5 })).body;
    const traceId = randomUUID();

    const wrongLabel = await post('/api/public/scores', { traceId, name: 'rating', value: 'meh', configId: config.id });
    expect(wrongLabel.status).toBe(400);
    expect(wrongLabel.body.message).toBe('Value "meh" is not a category of score config rating (good, bad)');
    const wrongName = await post('/api/public/scores', { traceId, name: 'other', value: 'good', configId: config.id });
    expect(wrongName.body.message).toMatch(/does not match the name "rating"/);
    const outOfRange = await post('/api/public/scores', { traceId, name: 'stars', value: 7, configId: range.id });
    expect(outOfRange.body.message).toBe('Value 7 is above the maximum 5 of score config stars');
    const missing = await post('/api/public/scores', { traceId, name: 'stars', value: 3, configId: 'nope' });
    expect(missing.body.message).toBe('Score config nope not found');

    const ok = await post('/api/public/scores', { traceId, name: 'rating', value: 'good', configId: config.id });
    expect(ok.status).toBe(200);
    expect(await scoreById(ok.body.id)).toMatchObject({ dataType: 'CATEGORICAL', value: 1, stringValue: 'good', configId: config.id });

    const archived = await fetch(`${spanlight.apiUrl}/api/public/score-configs/${config.id}`, {
      method: 'PATCH',
      headers: { authorization: basicAuthHeader(), 'content-type': 'application/json' },
      body: JSON.stringify({ isArchived: true }),
    });
    expect(((await archived.json()) as { isArchived: boolean }).isArchived).toBe(true);
    const afterArchive = await post('/api/public/scores', { traceId, name: 'rating', value: 'good', configId: config.id });
    expect(afterArchive.body.message).toBe('Score config rating is archived');

    const list = await apiGet(spanlight.apiUrl, '/api/public/score-configs');
    expect(list.body.data.map((c: any) => c.name).sort()).toEqual(['rating', 'stars']);
    expect((await apiGet(spanlight.apiUrl, `/api/public/score-configs/${range.id}`)).body).toMatchObject({ minValue: 1, maxValue: 5 });
    const bad = await post('/api/public/score-configs', { name: 'x', dataType: 'CATEGORICAL' });
    expect(bad.body.message).toBe('CATEGORICAL configs need at least one category');
  });

  it('deletes a score, and pages through scores with the v3 cursor', async () => {
    const sessionId = `session-${randomUUID()}`;
    const ids = ['a', 'b', 'c'].map((n) => `${n}-${sessionId}`);
    await post('/api/public/ingestion', {
      batch: ids.map((id, i) => ({ ...event('score-create', { id, sessionId, name: 'csat', value: i, dataType: 'NUMERIC' }), timestamp: `2025-01-0${i + 1}T00:00:00.000Z` })),
    });
    await Promise.all(ids.map(scoreById));

    const first = await apiGet(spanlight.apiUrl, `/api/public/v3/scores?sessionId=${sessionId}&limit=2&fields=subject`);
    expect(first.body.data.map((s: any) => s.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.data[0]).toMatchObject({ value: 2, subject: { kind: 'session', id: sessionId } });
    const second = await apiGet(spanlight.apiUrl, `/api/public/v3/scores?sessionId=${sessionId}&limit=2&cursor=${first.body.meta.cursor}`);
    expect(second.body.data.map((s: any) => s.id)).toEqual([ids[0]]);
    expect(second.body.meta.cursor).toBeUndefined();

    const del = await fetch(`${spanlight.apiUrl}/api/public/scores/${ids[1]}`, { method: 'DELETE', headers: { authorization: basicAuthHeader() } });
    expect(del.status).toBe(202);
    expect((await apiGet(spanlight.apiUrl, `/api/public/v2/scores/${ids[1]}`)).status).toBe(404);
    const left = await apiGet(spanlight.apiUrl, `/api/public/scores?sessionId=${sessionId}`);
    expect(left.body.data.map((s: any) => s.id)).toEqual([ids[2], ids[0]]);
    const again = await fetch(`${spanlight.apiUrl}/api/public/scores/${ids[1]}`, { method: 'DELETE', headers: { authorization: basicAuthHeader() } });
    expect(again.status).toBe(404);
  });
});
