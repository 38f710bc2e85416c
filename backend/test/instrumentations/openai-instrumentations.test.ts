import { OpenAIInstrumentation as OpenInferenceOpenAI } from '@arizeai/openinference-instrumentation-openai';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { OpenAIInstrumentation as TraceloopOpenAI } from '@traceloop/instrumentation-openai';
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

/** Each instrumentation patches the openai client class in its own way; returns how to undo it. */
const instrumentations: Array<[string, (provider: BasicTracerProvider) => () => void]> = [
  [
    '@arizeai/openinference-instrumentation-openai',
    (provider) => {
      const instrumentation = new OpenInferenceOpenAI({ tracerProvider: provider });
      // The default export is the client class, which also carries itself as `OpenAI` (what the patch reads).
      instrumentation.manuallyInstrument(OpenAI);
      return () => instrumentation.disable();
    },
  ],
  [
    '@traceloop/instrumentation-openai (OpenLLMetry)',
    (provider) => {
      const instrumentation = new TraceloopOpenAI({ traceContent: true });
      instrumentation.setTracerProvider(provider);
      // Traceloop wraps OpenAI.Chat.Completions.prototype: it takes the client class, not the namespace.
      instrumentation.manuallyInstrument(OpenAI);
      return () => instrumentation.disable();
    },
  ],
];

describe.each(instrumentations)('%s around the openai client', (label, instrument) => {
  it('stores the chat completion as a GENERATION with model, usage, input and output', async () => {
    const rootName = `ask ${label}`;
    const provider = otlpProtoProvider(spanlight.otlpHttpUrl);
    const uninstrument = instrument(provider);
    const client = new OpenAI({ apiKey: 'sk-fake', baseURL: fake.baseURL });
    const requestsBefore = fake.requests.length;

    const tracer = provider.getTracer('spanlight-instrumentation-test');
    const traceId = await tracer.startActiveSpan(rootName, async (root) => {
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
    uninstrument();
    expect(fake.requests.length - requestsBefore).toBe(1);

    const trace = await readTrace(spanlight.apiUrl, traceId, 2);
    expect(trace).toMatchObject({ id: traceId, name: rootName });
    const root = trace.observations.find((o: any) => o.name === rootName);
    const llm = trace.observations.find((o: any) => o.name !== rootName);
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
