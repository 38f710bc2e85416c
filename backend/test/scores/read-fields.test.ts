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

const post = (path: string, body: unknown) => apiSend(spanlight.apiUrl, 'POST', path, body);

const event = (type: string, body: unknown) => ({ id: randomUUID(), type, timestamp: new Date().toISOString(), body });

/** GET `path` once it lists `count` items (ingestion is asynchronous). */
const listed = (path: string, count: number) =>
  eventually(async () => {
    const { status, body } = await apiGet(spanlight.apiUrl, path);
    return status === 200 && body.data.length === count ? body : undefined;
  });

describe('GET /api/public/v2/scores fields', () => {
  const name = `fields-${randomUUID().slice(0, 8)}`;
  const traceId = randomUUID();
  const list = (query = '') => `/api/public/v2/scores?name=${name}${query}`;

  beforeAll(async () => {
    const trace = { id: traceId, name: 'scored', userId: 'user-7', sessionId: 'session-7', tags: ['beta', 'alpha'], environment: 'staging' };
    const res = await post('/api/public/ingestion', {
      batch: [
        event('trace-create', trace),
        event('score-create', { id: `t-${name}`, traceId, name, value: 1 }),
        event('score-create', { id: `s-${name}`, sessionId: 'session-7', name, value: 2 }),
        event('score-create', { id: `m-${name}`, traceId: randomUUID(), name, value: 3 }),
      ],
    });
    expect(res.body.errors).toEqual([]);
    await eventually(async () => ((await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`)).status === 200 ? true : undefined));
    await listed(list(), 3);
  });

  it('adds the trace fields of each score by default, null when there is no trace', async () => {
    const byId = Object.fromEntries((await listed(list(), 3)).data.map((s: any) => [s.id, s]));
    expect(byId[`t-${name}`]).toMatchObject({
      traceId,
      value: 1,
      trace: { userId: 'user-7', tags: ['alpha', 'beta'], environment: 'staging', sessionId: 'session-7' },
    });
    expect(byId[`s-${name}`].trace).toBeNull();
    // A trace id nothing was ingested for has no trace fields either.
    expect(byId[`m-${name}`].trace).toBeNull();
    const both = await apiGet(spanlight.apiUrl, list('&fields=score,trace'));
    expect(both.body.data.find((s: any) => s.id === `t-${name}`).trace.userId).toBe('user-7');
  });

  it('leaves the trace out with fields=score, and keeps the traceTags filter', async () => {
    const { body } = await apiGet(spanlight.apiUrl, list('&fields=score'));
    expect(body.data).toHaveLength(3);
    for (const score of body.data) expect(score).not.toHaveProperty('trace');

    const tagged = await apiGet(spanlight.apiUrl, list('&traceTags=alpha&traceTags=beta'));
    expect(tagged.body.data.map((s: any) => s.id)).toEqual([`t-${name}`]);
    expect(tagged.body.data[0].trace.tags).toEqual(['alpha', 'beta']);
    expect(tagged.body.meta.totalItems).toBe(1);
    expect((await apiGet(spanlight.apiUrl, list('&traceTags=gamma'))).body.data).toEqual([]);
  });

  it('refuses fields without score, unknown groups, and trace filters without trace', async () => {
    const noScore = await apiGet(spanlight.apiUrl, list('&fields=trace'));
    expect(noScore.status).toBe(400);
    expect(JSON.stringify(noScore.body)).toContain('Scores needs to be selected always.');
    expect((await apiGet(spanlight.apiUrl, list('&fields=score,bogus'))).status).toBe(400);
    const filtered = await apiGet(spanlight.apiUrl, list('&fields=score&traceTags=alpha'));
    expect(filtered.status).toBe(400);
    expect(JSON.stringify(filtered.body)).toContain("'trace' field is not included");
    expect((await apiGet(spanlight.apiUrl, list('&fields=score&userId=user-7'))).status).toBe(400);
  });
});

describe('GET /api/public/v3/scores fields', () => {
  it('returns the core fields by default and the details, subject and annotation groups on request', async () => {
    const traceId = randomUUID();
    const id = `v3-${traceId}`;
    const created = await post('/api/public/scores', {
      id,
      traceId,
      observationId: 'obs-1',
      name: 'v3-fields',
      value: 0.5,
      comment: 'why',
      metadata: { by: 'test' },
    });
    expect(created.status).toBe(200);
    const core = (await listed(`/api/public/v3/scores?traceId=${traceId}`, 1)).data[0];
    expect(core).toMatchObject({ id, name: 'v3-fields', dataType: 'NUMERIC', value: 0.5, source: 'API', environment: 'default' });
    expect(Object.keys(core).sort()).toEqual(
      ['createdAt', 'dataType', 'environment', 'id', 'name', 'projectId', 'source', 'timestamp', 'updatedAt', 'value'],
    );

    const full = await apiGet(spanlight.apiUrl, `/api/public/v3/scores?traceId=${traceId}&fields=core,details,subject,annotation`);
    expect(full.body.data[0]).toMatchObject({
      ...core,
      details: { comment: 'why', configId: null, metadata: { by: 'test' } },
      subject: { kind: 'observation', id: 'obs-1', traceId },
      annotation: { authorUserId: null, queueId: null },
    });
    const subjectOnly = await apiGet(spanlight.apiUrl, `/api/public/v3/scores?traceId=${traceId}&fields=subject`);
    expect(subjectOnly.body.data[0]).not.toHaveProperty('details');
    expect(subjectOnly.body.data[0].subject.kind).toBe('observation');
    expect((await apiGet(spanlight.apiUrl, `/api/public/v3/scores?fields=trace`)).status).toBe(400);
  });
});

describe('CORRECTION scores', () => {
  it('stores the corrected text with value 0 and returns it in v2 and v3, not in the v1 list', async () => {
    const traceId = randomUUID();
    const text = 'The corrected answer. '.repeat(40);
    const created = await post('/api/public/scores', { traceId, name: 'correction', value: text, dataType: 'CORRECTION' });
    expect(created.status).toBe(200);
    const v2 = (await listed(`/api/public/v2/scores?traceId=${traceId}&dataType=CORRECTION`, 1)).data[0];
    expect(v2).toMatchObject({ id: created.body.id, dataType: 'CORRECTION', value: 0, stringValue: text });
    expect((await apiGet(spanlight.apiUrl, `/api/public/v2/scores/${created.body.id}`)).body).toMatchObject({ stringValue: text });
    const v3 = await apiGet(spanlight.apiUrl, `/api/public/v3/scores?traceId=${traceId}`);
    expect(v3.body.data[0]).toMatchObject({ dataType: 'CORRECTION', value: text });
    expect((await apiGet(spanlight.apiUrl, `/api/public/scores?traceId=${traceId}`)).body.data).toEqual([]);
  });

  it('refuses corrections of sessions, numeric corrections and CORRECTION configs', async () => {
    const onSession = await post('/api/public/scores', { sessionId: 's', name: 'correction', value: 'x', dataType: 'CORRECTION' });
    expect(onSession.status).toBe(400);
    expect(onSession.body.message).toMatch(/CORRECTION scores belong to a trace or an observation/);
    const numeric = await post('/api/public/scores', { traceId: randomUUID(), name: 'correction', value: 1, dataType: 'CORRECTION' });
    expect(numeric.body.message).toBe('CORRECTION scores need a string value');
    expect((await post('/api/public/score-configs', { name: 'fix', dataType: 'CORRECTION' })).status).toBe(400);
  });
});
