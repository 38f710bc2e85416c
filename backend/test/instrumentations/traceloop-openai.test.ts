import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import {
  COMPLETION_TEXT, enableAsyncContext, FAKE_MODEL, FAKE_USAGE, otlpProtoProvider, PROMPT_TEXT, readTrace, startFakeOpenAi, type FakeOpenAi,
} from './harness.js';

let spanlight: TestSpanlight;
let fake: FakeOpenAi;
beforeAll(async () => {
  enableAsyncContext();
  [spanlight, fake] = await Promise.all([startTestSpanlight(), startFakeOpenAi()]);
});
afterAll(async () => {
  await Promise.all([spanlight?.close(), fake?.close()]);
});

describe('@traceloop/instrumentation-openai (OpenLLMetry) around the openai client', () => {
  it('stores the chat completion as a GENERATION with model, usage, input and output', async () => {
    const provider = otlpProtoProvider(spanlight.otlpHttpUrl);
    const instrumentation = new OpenAIInstrumentation({ traceContent: true });
    instrumentation.setTracerProvider(provider);
    // Traceloop wraps OpenAI.Chat.Completions.prototype: it takes the client class, not the namespace.
    instrumentation.manuallyInstrument(OpenAI);
    const client = new OpenAI({ apiKey: 'sk-fake', baseURL: fake.baseURL });

    const tracer = provider.getTracer('spanlight-instrumentation-test');
    const traceId = await tracer.startActiveSpan('ask-traceloop', async (root) => {
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0.3,
        messages: [{ role: 'user', content: PROMPT_TEXT }],
      });
      expect(completion.choices[0]!.message.content).toBe(COMPLETION_TEXT);
      root.end();
      return root.spanContext().traceId;
    });
    await provider.forceFlush();
    await provider.shutdown();
    instrumentation.disable();
    expect(fake.requests).toHaveLength(1);

    const trace = await readTrace(spanlight.apiUrl, traceId, 2);
    expect(trace).toMatchObject({ id: traceId, name: 'ask-traceloop' });
    const root = trace.observations.find((o: any) => o.name === 'ask-traceloop');
    const llm = trace.observations.find((o: any) => o.name !== 'ask-traceloop');
    expect(root).toMatchObject({ type: 'SPAN', parentObservationId: null });
    expect(llm).toMatchObject({
      type: 'GENERATION',
      parentObservationId: root.id,
      model: FAKE_MODEL,
      usageDetails: { input: FAKE_USAGE.prompt_tokens, output: FAKE_USAGE.completion_tokens, total: FAKE_USAGE.total_tokens },
    });
    expect(llm.modelParameters).toMatchObject({ temperature: 0.3 });
    expect(JSON.stringify(llm.input)).toContain(PROMPT_TEXT);
    expect(JSON.stringify(llm.output)).toContain(COMPLETION_TEXT);
  });
});
