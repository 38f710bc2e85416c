import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observationView } from '../../src/clickhouse/index.js';
import { startReadApi, type ReadApi } from './harness.js';

let api: ReadApi;
beforeAll(async () => {
  api = await startReadApi();
});
afterAll(async () => {
  await api?.close();
});

const ids = (body: { data: Array<{ id: string }> }): string[] => body.data.map((o) => o.id);

const GENERATION = {
  id: 'o2',
  traceId: 't1',
  type: 'GENERATION',
  name: 'llm-call',
  startTime: '2024-05-01T10:00:00.500Z',
  endTime: '2024-05-01T10:00:02.000Z',
  completionStartTime: '2024-05-01T10:00:00.800Z',
  model: 'gpt-4o',
  modelParameters: { temperature: 0.2 },
  input: [{ role: 'user', content: 'hi' }],
  output: 'hello',
  metadata: { k: 'v' },
  version: null,
  level: 'DEFAULT',
  statusMessage: null,
  parentObservationId: 'o1',
  promptId: 'prompt-1',
  promptName: 'qa',
  promptVersion: 3,
  modelId: null,
  usage: { input: 120, output: 50, total: 170, unit: 'TOKENS' },
  usageDetails: { input: 100, input_cached_tokens: 20, output: 50, total: 170 },
  costDetails: { input: 0.001, output: 0.002, total: 0.003 },
  calculatedInputCost: 0.001,
  calculatedOutputCost: 0.002,
  calculatedTotalCost: 0.003,
  inputPrice: null,
  outputPrice: null,
  totalPrice: null,
  latency: 1.5,
  timeToFirstToken: 0.3,
  environment: 'production',
};

describe('GET /api/public/observations/:id', () => {
  it('returns a generation field by field', async () => {
    const { status, body } = await api.get('a', '/api/public/observations/o2');
    expect(status).toBe(200);
    observationView.strict().parse(body);
    expect(body).toEqual(GENERATION);
  });

  it('returns the newest version of an updated observation', async () => {
    const { body } = await api.get('a', '/api/public/observations/o3');
    expect(body).toMatchObject({ name: 'tool-v2', level: 'ERROR', statusMessage: 'boom', latency: 0.2, timeToFirstToken: null, calculatedTotalCost: null });
  });

  it('answers 404 for a deleted observation and for another project\'s observation', async () => {
    for (const [project, id] of [['a', 'o5'], ['a', 'o7'], ['b', 'o2']] as const) {
      const { status, body } = await api.get(project, `/api/public/observations/${id}`);
      expect(status).toBe(404);
      expect(body).toEqual({ message: 'Observation not found', error: 'LangfuseNotFoundError' });
    }
  });
});

describe('GET /api/public/observations (v1)', () => {
  it('lists newest first with IO for the page rows and page meta', async () => {
    const { status, body } = await api.get('a', '/api/public/observations');
    expect(status).toBe(200);
    expect(ids(body)).toEqual(['o6', 'o4', 'o3', 'o2', 'o1']);
    expect(body.meta).toEqual({ page: 1, limit: 50, totalItems: 5, totalPages: 1 });
    expect(body.data[3]).toEqual(GENERATION);
  });

  it.each([
    ['type=GENERATION', ['o2']],
    ['level=ERROR', ['o3']],
    ['name=tool-v2', ['o3']],
    ['name=tool', []],
    ['traceId=t1', ['o3', 'o2', 'o1']],
    ['parentObservationId=o1', ['o3', 'o2']],
    ['userId=u2', ['o4']],
    ['userId=u1', ['o6', 'o3', 'o2', 'o1']],
    ['environment=staging', ['o6']],
    ['fromStartTime=2024-05-01T10:00:00.500Z&toStartTime=2024-05-01T11:00:00Z', ['o3', 'o2']],
    ['version=v2', ['o6']],
  ])('filters: %s', async (query, expected) => {
    const { body } = await api.get('a', `/api/public/observations?${query}`);
    expect(ids(body)).toEqual(expected);
    expect(body.meta.totalItems).toBe(expected.length);
  });

  it('paginates', async () => {
    const { body } = await api.get('a', '/api/public/observations?limit=2&page=3');
    expect(ids(body)).toEqual(['o1']);
    expect(body.meta).toEqual({ page: 3, limit: 2, totalItems: 5, totalPages: 3 });
  });

  it.each(['limit=1000', 'type=BOGUS', 'level=info', 'fromStartTime=2024-13-01'])('answers 400 for %s', async (query) => {
    const { status, body } = await api.get('a', `/api/public/observations?${query}`);
    expect(status).toBe(400);
    expect(body.message).toBe('Invalid request data');
  });

  it('shows a project only its own observations', async () => {
    const { body } = await api.get('b', '/api/public/observations');
    expect(ids(body)).toEqual(['o7']);
  });
});

describe('GET /api/public/v2/observations', () => {
  it('returns core and basic fields by default', async () => {
    const { status, body } = await api.get('a', '/api/public/v2/observations?traceId=t2');
    expect(status).toBe(200);
    expect(body).toEqual({
      data: [
        {
          id: 'o4', traceId: 't2', startTime: '2024-05-01T11:00:00.000Z', endTime: '2024-05-01T11:00:01.000Z', projectId: 'proj-a',
          parentObservationId: null, type: 'AGENT', name: 'second', level: 'DEFAULT', statusMessage: null, version: null,
          environment: 'production', bookmarked: false, public: true, userId: 'u2', sessionId: 's1', isRootObservation: true,
          modelId: null, inputPrice: null, outputPrice: null, totalPrice: null,
        },
      ],
      meta: {},
    });
  });

  it('returns only the requested groups', async () => {
    const { body } = await api.get('a', '/api/public/v2/observations?type=GENERATION&fields=usage,model,io,metrics,prompt,unknown');
    expect(body.data).toEqual([
      {
        id: 'o2', traceId: 't1', startTime: '2024-05-01T10:00:00.500Z', endTime: '2024-05-01T10:00:02.000Z', projectId: 'proj-a',
        parentObservationId: 'o1', type: 'GENERATION',
        usageDetails: GENERATION.usageDetails, costDetails: GENERATION.costDetails, totalCost: 0.003, usagePricingTierName: null,
        inputUsage: 120, outputUsage: 50, totalUsage: 170, inputCost: 0.001, outputCost: 0.002,
        providedModelName: 'gpt-4o', internalModelId: null, modelParameters: { temperature: 0.2 }, modelId: null,
        input: '[{"role":"user","content":"hi"}]', output: '"hello"',
        latency: 1.5, timeToFirstToken: 0.3,
        promptId: 'prompt-1', promptName: 'qa', promptVersion: 3,
        inputPrice: null, outputPrice: null, totalPrice: null,
      },
    ]);
  });

  it('walks all rows with the cursor, newest first', async () => {
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await api.get('a', `/api/public/v2/observations?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...ids(body));
      pages.push(body.data.length);
      cursor = body.meta.cursor;
    } while (cursor);
    expect(seen).toEqual(['o6', 'o4', 'o3', 'o2', 'o1']);
    expect(pages).toEqual([2, 2, 1]);
  });

  it.each([
    ['parentObservationId=', ['o6', 'o4', 'o1']],
    ['isRootObservation=false', ['o3', 'o2']],
    ['sessionId=s2', ['o6']],
    ['fromStartTime=2024-05-01T11:00:00Z', ['o6', 'o4']],
    ['toStartTime=2024-05-01T11:00:00Z', ['o3', 'o2', 'o1']],
  ])('filters: %s', async (query, expected) => {
    const { body } = await api.get('a', `/api/public/v2/observations?${query}`);
    expect(ids(body)).toEqual(expected);
  });

  it.each(['limit=1001', 'parseIoAsJson=true', 'cursor=not-a-cursor'])('answers 400 for %s', async (query) => {
    const { status } = await api.get('a', `/api/public/v2/observations?${query}`);
    expect(status).toBe(400);
  });

  it('shows a project only its own observations', async () => {
    const { body } = await api.get('b', '/api/public/v2/observations?traceId=t1');
    expect(body.data).toEqual([]);
  });
});
