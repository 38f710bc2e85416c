import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceWithDetails, traceWithFullDetails } from '../../src/clickhouse/index.js';
import { startReadApi, type ReadApi } from './harness.js';

let api: ReadApi;
beforeAll(async () => {
  api = await startReadApi();
});
afterAll(async () => {
  await api?.close();
});

const ids = (body: { data: Array<{ id: string }> }): string[] => body.data.map((t) => t.id);

describe('GET /api/public/traces', () => {
  it('lists the project traces newest first, with trace-level fields and page meta', async () => {
    const { status, body } = await api.get('a', '/api/public/traces');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(['t3', 't2', 't1']);
    expect(body.meta).toEqual({ page: 1, limit: 50, totalItems: 3, totalPages: 1 });
    for (const trace of body.data) traceWithDetails.strict().parse(trace);
    expect(body.data[2]).toEqual({
      id: 't1',
      timestamp: '2024-05-01T10:00:00.000Z',
      name: 'chat-turn',
      input: null,
      output: null,
      sessionId: 's1',
      release: 'r1',
      version: 'v1',
      userId: 'u1',
      metadata: null,
      tags: ['chat', 'prod'],
      public: false,
      environment: 'production',
      htmlPath: '/project/proj-a/traces/t1',
      latency: 2.5,
      totalCost: 0.003,
      observations: ['o1', 'o2', 'o3'],
      scores: ['sc1', 'sc2'],
    });
  });

  it('names a trace after its root when no trace name was set, and drops deleted observations', async () => {
    const { body } = await api.get('a', '/api/public/traces?name=second');
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id: 't2', name: 'second', userId: 'u2', public: true, totalCost: 0.01, latency: 1, observations: ['o4'], scores: [] });
  });

  it('reports zero latency for a trace whose only observation has not ended', async () => {
    const { body } = await api.get('a', '/api/public/traces?environment=staging');
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id: 't3', name: 'batch-job', version: 'v2', latency: 0, totalCost: 0 });
  });

  it.each([
    ['userId=u1', ['t3', 't1']],
    ['sessionId=s1', ['t2', 't1']],
    ['tags=prod', ['t2', 't1']],
    ['tags=prod&tags=chat', ['t1']],
    ['fromTimestamp=2024-05-01T10:30:00Z', ['t3', 't2']],
    ['toTimestamp=2024-05-01T10:30:00.000Z', ['t1']],
    ['version=v1&version=v2', ['t3', 't1']],
    ['release=r1', ['t1']],
    ['environment=production&environment=staging', ['t3', 't2', 't1']],
    ['userId=nobody', []],
    ['orderBy=name.asc', ['t3', 't1', 't2']],
    ['orderBy=timestamp.asc', ['t1', 't2', 't3']],
    ['orderBy=userId.desc', ['t2', 't3', 't1']],
  ])('filters and orders: %s', async (query, expected) => {
    const { status, body } = await api.get('a', `/api/public/traces?${query}`);
    expect(status).toBe(200);
    expect(ids(body)).toEqual(expected);
    expect(body.meta.totalItems).toBe(expected.length);
  });

  it('paginates with page and limit', async () => {
    const { body } = await api.get('a', '/api/public/traces?limit=2&page=2');
    expect(ids(body)).toEqual(['t1']);
    expect(body.meta).toEqual({ page: 2, limit: 2, totalItems: 3, totalPages: 2 });
  });

  it.each(['limit=101', 'limit=0', 'page=0', 'orderBy=bogus.asc', 'orderBy=name', 'fromTimestamp=yesterday'])(
    'answers 400 for %s',
    async (query) => {
      const { status, body } = await api.get('a', `/api/public/traces?${query}`);
      expect(status).toBe(400);
      expect(body.message).toBe('Invalid request data');
      expect(Array.isArray(body.error)).toBe(true);
    },
  );

  it('shows a project only its own traces', async () => {
    const { body } = await api.get('b', '/api/public/traces');
    expect(ids(body)).toEqual(['t4']);
    expect(body.data[0].scores).toEqual(['sc3']);
  });

  it('answers 401 without credentials', async () => {
    const { status, body } = await api.get(null, '/api/public/traces');
    expect(status).toBe(401);
    expect(body.error).toBe('UnauthorizedError');
  });
});

describe('GET /api/public/traces/:traceId', () => {
  it('returns the trace with its IO, merged metadata, observations and scores', async () => {
    const { status, body } = await api.get('a', '/api/public/traces/t1');
    expect(status).toBe(200);
    traceWithFullDetails.strict().parse(body);
    expect(body).toMatchObject({
      id: 't1',
      name: 'chat-turn',
      input: { question: 'hi' },
      output: { answer: 'hello' },
      metadata: { b: 2, a: 1 },
      latency: 2.5,
      totalCost: 0.003,
      htmlPath: '/project/proj-a/traces/t1',
    });
    expect(body.observations.map((o: { id: string }) => o.id)).toEqual(['o1', 'o2', 'o3']);
    expect(body.observations[2]).toMatchObject({ name: 'tool-v2', level: 'ERROR', statusMessage: 'boom', parentObservationId: 'o1' });
    expect(body.scores).toEqual([
      {
        id: 'sc1', traceId: 't1', name: 'quality', value: 0.9, stringValue: null, source: 'API', dataType: 'NUMERIC',
        comment: 'solid', observationId: null, timestamp: '2024-05-01T10:05:00.000Z', createdAt: '2024-05-01T10:05:00.000Z',
        updatedAt: '2024-05-01T10:05:00.000Z', authorUserId: null, configId: null, queueId: null, environment: 'production',
        metadata: { by: 'test' },
      },
      {
        id: 'sc2', traceId: 't1', name: 'tone', value: 1, stringValue: 'good', source: 'ANNOTATION', dataType: 'CATEGORICAL',
        comment: null, observationId: 'o2', timestamp: '2024-05-01T10:06:00.000Z', createdAt: '2024-05-01T10:05:00.000Z',
        updatedAt: '2024-05-01T10:05:00.000Z', authorUserId: null, configId: 'cfg-1', queueId: null, environment: 'production',
        metadata: null,
      },
    ]);
  });

  it("falls back to the root observation's output when the trace has none", async () => {
    const { body } = await api.get('b', '/api/public/traces/t4');
    expect(body).toMatchObject({ id: 't4', input: 'secret-input', output: null, metadata: null, latency: 0.25 });
  });

  it('answers 404 for an unknown trace and for another project\'s trace', async () => {
    for (const [project, id] of [['a', 'nope'], ['b', 't1'], ['a', 't4']] as const) {
      const { status, body } = await api.get(project, `/api/public/traces/${id}`);
      expect(status).toBe(404);
      expect(body).toEqual({ message: 'Trace not found', error: 'LangfuseNotFoundError' });
    }
  });
});
