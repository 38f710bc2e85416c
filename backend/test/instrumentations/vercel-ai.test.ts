import { generateText } from 'ai';
import { MockLanguageModelV2 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import { COMPLETION_TEXT, enableAsyncContext, FAKE_MODEL, listTraceIds, otlpProtoProvider, PROMPT_TEXT, readTrace } from './harness.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  enableAsyncContext();
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

describe('Vercel AI SDK (ai v5) experimental_telemetry', () => {
  it('stores generateText as a SPAN with a GENERATION child and the telemetry metadata on the trace', async () => {
    const provider = otlpProtoProvider(spanlight.otlpHttpUrl);
    const model = new MockLanguageModelV2({
      provider: 'mock-provider',
      modelId: 'mock-model',
      doGenerate: async () => ({
        content: [{ type: 'text', text: COMPLETION_TEXT }],
        finishReason: 'stop',
        usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 },
        response: { id: 'resp-1', modelId: FAKE_MODEL, timestamp: new Date() },
        warnings: [],
      }),
    });

    const result = await generateText({
      model,
      prompt: PROMPT_TEXT,
      temperature: 0.4,
      experimental_telemetry: {
        isEnabled: true,
        functionId: 'sky-colour',
        tracer: provider.getTracer('ai'),
        metadata: { userId: 'vercel-user', sessionId: 'vercel-session', tags: ['vercel', 'e2e'], feature: 'colours' },
      },
    });
    expect(result.text).toBe(COMPLETION_TEXT);
    await provider.forceFlush();
    await provider.shutdown();

    const traceIds = await listTraceIds(spanlight.apiUrl, 'sessionId=vercel-session');
    expect(traceIds).toHaveLength(1);
    const trace = await readTrace(spanlight.apiUrl, traceIds[0]!, 2);
    expect(trace).toMatchObject({ name: 'sky-colour', userId: 'vercel-user', sessionId: 'vercel-session' });
    expect([...trace.tags].sort()).toEqual(['e2e', 'vercel']);

    const outer = trace.observations.find((o: any) => o.name === 'ai.generateText');
    const inner = trace.observations.find((o: any) => o.name === 'ai.generateText.doGenerate');
    expect(outer).toMatchObject({ type: 'SPAN', parentObservationId: null });
    expect(inner).toMatchObject({
      type: 'GENERATION',
      parentObservationId: outer.id,
      model: FAKE_MODEL,
      usageDetails: { input: 11, output: 7, total: 18 },
    });
    expect(inner.modelParameters).toMatchObject({ temperature: 0.4 });
    expect(inner.metadata).toMatchObject({ feature: 'colours' });
    expect(JSON.stringify(inner.input)).toContain(PROMPT_TEXT);
    expect(JSON.stringify(inner.output)).toContain(COMPLETION_TEXT);
  });
});
