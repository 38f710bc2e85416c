import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiSend, basicAuthHeader, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const send = (method: string, path: string, body?: unknown) => apiSend(spanlight.apiUrl, method, path, body);

/** One OTel GenAI chat span through a stock exporter; returns its trace id. */
async function sendGeneration(attributes: Record<string, string | number>, startTime = new Date()): Promise<string> {
  const exporter = new OTLPTraceExporter({ url: `${spanlight.otlpHttpUrl}/v1/traces`, headers: { authorization: basicAuthHeader() } });
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const span = provider.getTracer('models-test').startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat', ...attributes }, startTime });
  span.end(new Date(startTime.getTime() + 1000));
  await provider.forceFlush();
  await provider.shutdown();
  return span.spanContext().traceId;
}

async function generationOf(traceId: string): Promise<any> {
  return eventually(async () => {
    const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`);
    return status === 200 && body.observations.length === 1 ? { trace: body, observation: body.observations[0] } : undefined;
  });
}

describe('cost at ingest, end to end', () => {
  it('prices an OTel GenAI span with a default model and its usage', async () => {
    const traceId = await sendGeneration({
      'gen_ai.request.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 500,
    });
    const { trace, observation } = await generationOf(traceId);
    // gpt-4o-mini: $0.15 / $0.60 per million tokens.
    expect(observation).toMatchObject({
      type: 'GENERATION',
      modelId: 'openai-gpt-4o-mini',
      usageDetails: { input: 1200, output: 500, total: 1700 },
      costDetails: { input: 0.00018, output: 0.0003, total: 0.00048 },
      calculatedInputCost: 0.00018,
      calculatedOutputCost: 0.0003,
      calculatedTotalCost: 0.00048,
    });
    expect(trace.totalCost).toBeCloseTo(0.00048, 12);
  });

  it('counts tokens when a tokenizer model has no usage, and keeps provided costs', async () => {
    const counted = await generationOf(
      await sendGeneration({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Hello there' }] }]) }),
    );
    expect(counted.observation.modelId).toBe('openai-gpt-4o');
    expect(counted.observation.usageDetails.input).toBeGreaterThan(0);
    expect(counted.observation.costDetails.input).toBeCloseTo(counted.observation.usageDetails.input * 0.0000025, 12);

    const provided = await generationOf(
      await sendGeneration({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.cost': 0.5 }),
    );
    expect(provided.observation.costDetails).toEqual({ total: 0.5 });
    expect(provided.trace.totalCost).toBe(0.5);
  });
});

describe('/api/public/models', () => {
  it('creates, reads, lists and deletes project models; managed ones are listed but not deletable', async () => {
    const created = await send('POST', '/api/public/models', {
      modelName: 'crud-model',
      matchPattern: '(?i)^crud-model$',
      inputPrice: 0.001,
      outputPrice: 0.002,
      tokenizerId: 'openai',
      tokenizerConfig: { tokenizerModel: 'gpt-4o' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      modelName: 'crud-model',
      startDate: null,
      unit: 'TOKENS',
      inputPrice: 0.001,
      outputPrice: 0.002,
      totalPrice: null,
      isLangfuseManaged: false,
      prices: { input: { price: 0.001 }, output: { price: 0.002 } },
      pricingTiers: [{ name: 'Standard', isDefault: true, priority: 0, conditions: [], prices: { input: 0.001, output: 0.002 } }],
    });
    const { id } = created.body;
    expect((await apiGet(spanlight.apiUrl, `/api/public/models/${id}`)).body).toEqual(created.body);
    expect((await send('POST', '/api/public/models', { modelName: 'crud-model', matchPattern: 'x', inputPrice: 1 })).status).toBe(409);

    const list = await apiGet(spanlight.apiUrl, '/api/public/models?limit=100');
    expect(list.body.data[0].id).toBe(id);
    expect(list.body.data.some((m: any) => m.id === 'openai-gpt-4o' && m.isLangfuseManaged)).toBe(true);
    expect(list.body.meta).toMatchObject({ page: 1, limit: 100, totalItems: list.body.data.length });
    const managed = await apiGet(spanlight.apiUrl, '/api/public/models/anthropic-claude-sonnet-4-5');
    expect(managed.body).toMatchObject({ isLangfuseManaged: true, inputPrice: 0.000003 });
    expect(managed.body.pricingTiers).toHaveLength(2);

    expect((await send('DELETE', '/api/public/models/openai-gpt-4o')).status).toBe(404);
    expect((await send('DELETE', `/api/public/models/${id}`)).body).toEqual({ message: 'Model successfully deleted' });
    expect((await apiGet(spanlight.apiUrl, `/api/public/models/${id}`)).status).toBe(404);
  });

  it('refuses invalid definitions', async () => {
    const bad = [
      { modelName: 'x', matchPattern: '(' },
      { modelName: 'x', matchPattern: 'x', inputPrice: 1, pricingTiers: [{ name: 'a', isDefault: true, priority: 0, conditions: [], prices: { input: 1 } }] },
      { modelName: 'x', matchPattern: 'x', pricingTiers: [{ name: 'a', isDefault: false, priority: 1, conditions: [], prices: { input: 1 } }] },
      { modelName: 'x', matchPattern: 'x', inputPrice: -1 },
    ];
    for (const body of bad) expect((await send('POST', '/api/public/models', body)).status).toBe(400);
  });

  it('project models override defaults; the newest start date in force wins; deleting affects new observations only', async () => {
    const override = await send('POST', '/api/public/models', { modelName: 'my-haiku', matchPattern: '(?i)^claude-3-haiku', inputPrice: 1, outputPrice: 1 });
    const older = await send('POST', '/api/public/models', { modelName: 'dated', matchPattern: '^dated-model$', startDate: '2024-01-01T00:00:00Z', inputPrice: 1 });
    const newer = await send('POST', '/api/public/models', { modelName: 'dated', matchPattern: '^dated-model$', startDate: '2025-01-01T00:00:00Z', inputPrice: 2 });
    const usage = { 'gen_ai.usage.input_tokens': 3, 'gen_ai.usage.output_tokens': 1 };

    const haiku = await generationOf(await sendGeneration({ 'gen_ai.request.model': 'claude-3-haiku-20240307', ...usage }));
    expect(haiku.observation).toMatchObject({ modelId: override.body.id, costDetails: { input: 3, output: 1, total: 4 } });
    const before2025 = await generationOf(await sendGeneration({ 'gen_ai.request.model': 'dated-model', ...usage }, new Date('2024-06-01T00:00:00Z')));
    expect(before2025.observation).toMatchObject({ modelId: older.body.id, costDetails: { input: 3, total: 3 } });
    const now = await generationOf(await sendGeneration({ 'gen_ai.request.model': 'dated-model', ...usage }));
    expect(now.observation).toMatchObject({ modelId: newer.body.id, costDetails: { input: 6, total: 6 } });

    await send('DELETE', `/api/public/models/${override.body.id}`);
    const after = await generationOf(await sendGeneration({ 'gen_ai.request.model': 'claude-3-haiku-20240307', ...usage }));
    // claude-3-haiku defaults: $0.25 / $1.25 per million tokens.
    expect(after.observation).toMatchObject({ modelId: 'anthropic-claude-3-haiku', costDetails: { input: 0.00000075, output: 0.00000125, total: 0.000002 } });
    const earlier = await apiGet(spanlight.apiUrl, `/api/public/observations/${haiku.observation.id}`);
    expect(earlier.body.costDetails).toEqual({ input: 3, output: 1, total: 4 });
  });

  it('prices by tier: a long-context request of a tiered default model', async () => {
    const { observation } = await generationOf(
      await sendGeneration({ 'gen_ai.request.model': 'gemini-2.5-pro', 'gen_ai.usage.input_tokens': 300_000, 'gen_ai.usage.output_tokens': 1000 }),
    );
    // > 200K input tokens: $2.50 / $15 per million.
    expect(observation.costDetails).toEqual({ input: 0.75, output: 0.015, total: 0.765 });
  });
});
