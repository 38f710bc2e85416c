import { LangfuseSpanProcessor } from '@langfuse/otel';
import { propagateAttributes, setLangfuseTracerProvider, startActiveObservation, startObservation } from '@langfuse/tracing';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSpanlight, TEST_KEYS, type TestSpanlight } from '../helpers/spanlight.js';
import { COMPLETION_TEXT, enableAsyncContext, FAKE_MODEL, PROMPT_TEXT, readTrace } from './harness.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  enableAsyncContext();
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  setLangfuseTracerProvider(null);
  await spanlight?.close();
});

describe('Langfuse OTel SDK (@langfuse/tracing + @langfuse/otel) exporting to Spanlight', () => {
  it('stores the observations and the propagated trace attributes', async () => {
    // The SDK's own span processor, pointed at Spanlight's /api/public/otel endpoint with the project keys.
    const processor = new LangfuseSpanProcessor({ ...TEST_KEYS, baseUrl: spanlight.apiUrl, environment: 'staging', release: 'v9' });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    setLangfuseTracerProvider(provider);

    const traceId = await propagateAttributes(
      { userId: 'lf-user', sessionId: 'lf-session', tags: ['langfuse', 'otel'], version: '2.0', traceName: 'lf-trace' },
      () =>
        startActiveObservation('lf-root', async (root) => {
          root.update({ input: { question: PROMPT_TEXT } });
          const generation = startObservation(
            'lf-llm',
            {
              model: FAKE_MODEL,
              modelParameters: { temperature: 0.5 },
              input: [{ role: 'user', content: PROMPT_TEXT }],
              output: { role: 'assistant', content: COMPLETION_TEXT },
              usageDetails: { input: 21, output: 8, total: 29 },
              metadata: { step: 'answer' },
            },
            { asType: 'generation' },
          );
          generation.end();
          root.update({ output: { answer: COMPLETION_TEXT } });
          return root.traceId;
        }),
    );
    await provider.forceFlush();
    await provider.shutdown();

    const trace = await readTrace(spanlight.apiUrl, traceId, 2);
    expect(trace).toMatchObject({
      id: traceId,
      name: 'lf-trace',
      userId: 'lf-user',
      sessionId: 'lf-session',
      version: '2.0',
      release: 'v9',
      environment: 'staging',
    });
    expect([...trace.tags].sort()).toEqual(['langfuse', 'otel']);

    const root = trace.observations.find((o: any) => o.name === 'lf-root');
    const llm = trace.observations.find((o: any) => o.name === 'lf-llm');
    expect(root).toMatchObject({ type: 'SPAN', parentObservationId: null, input: { question: PROMPT_TEXT }, output: { answer: COMPLETION_TEXT } });
    expect(llm).toMatchObject({
      type: 'GENERATION',
      parentObservationId: root.id,
      model: FAKE_MODEL,
      modelParameters: { temperature: 0.5 },
      usageDetails: { input: 21, output: 8, total: 29 },
      input: [{ role: 'user', content: PROMPT_TEXT }],
      output: { role: 'assistant', content: COMPLETION_TEXT },
      environment: 'staging',
    });
    expect(llm.metadata).toMatchObject({ step: 'answer' });
  });
});
