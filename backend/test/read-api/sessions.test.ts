import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionWithTraces, trace } from '../../src/clickhouse/index.js';
import { startReadApi, type ReadApi } from './harness.js';

let api: ReadApi;
beforeAll(async () => {
  api = await startReadApi();
});
afterAll(async () => {
  await api?.close();
});

describe('GET /api/public/sessions', () => {
  it('lists the project sessions, newest first, starting at their first trace', async () => {
    const { status, body } = await api.get('a', '/api/public/sessions');
    expect(status).toBe(200);
    expect(body).toEqual({
      data: [
        { id: 's2', createdAt: '2024-05-02T09:00:00.000Z', projectId: 'proj-a', environment: 'staging' },
        { id: 's1', createdAt: '2024-05-01T10:00:00.000Z', projectId: 'proj-a', environment: 'production' },
      ],
      meta: { page: 1, limit: 50, totalItems: 2, totalPages: 1 },
    });
  });

  it.each([
    ['environment=production', ['s1']],
    ['fromTimestamp=2024-05-01T12:00:00Z', ['s2']],
    ['toTimestamp=2024-05-01T12:00:00Z', ['s1']],
    ['limit=1&page=2', ['s1']],
  ])('filters and paginates: %s', async (query, expected) => {
    const { body } = await api.get('a', `/api/public/sessions?${query}`);
    expect(body.data.map((s: { id: string }) => s.id)).toEqual(expected);
  });

  it('answers 400 for an invalid limit', async () => {
    expect((await api.get('a', '/api/public/sessions?limit=abc')).status).toBe(400);
  });

  it('shows a project only its own sessions', async () => {
    const { body } = await api.get('b', '/api/public/sessions');
    expect(body.data).toEqual([{ id: 's1', createdAt: '2024-05-01T12:00:00.000Z', projectId: 'proj-b', environment: 'default' }]);
  });
});

describe('GET /api/public/sessions/:sessionId', () => {
  it('returns the session with its traces, oldest first', async () => {
    const { status, body } = await api.get('a', '/api/public/sessions/s1');
    expect(status).toBe(200);
    sessionWithTraces.strict().parse(body);
    for (const t of body.traces) trace.strict().parse(t);
    expect(body).toMatchObject({ id: 's1', createdAt: '2024-05-01T10:00:00.000Z', projectId: 'proj-a', environment: 'production' });
    expect(body.traces.map((t: { id: string }) => t.id)).toEqual(['t1', 't2']);
    expect(body.traces[1]).toEqual({
      id: 't2', timestamp: '2024-05-01T11:00:00.000Z', name: 'second', input: null, output: null, sessionId: 's1', release: null,
      version: null, userId: 'u2', metadata: null, tags: ['prod'], public: true, environment: 'production',
    });
  });

  it("scopes a shared session id to the caller's project", async () => {
    const { body } = await api.get('b', '/api/public/sessions/s1');
    expect(body.traces.map((t: { id: string }) => t.id)).toEqual(['t4']);
  });

  it('answers 404 when no trace has the session id', async () => {
    const { status, body } = await api.get('a', '/api/public/sessions/nope');
    expect(status).toBe(404);
    expect(body).toEqual({ message: 'Session not found', error: 'LangfuseNotFoundError' });
  });
});
