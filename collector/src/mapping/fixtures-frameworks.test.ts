import { describe, expect, it } from 'vitest';
import { check, load, text } from './testdata/golden.js';

/** Golden tests over the OTLP examples (see testdata/golden.ts): OpenInference, OpenLLMetry, Vercel AI SDK, pydantic-ai. */
describe('OTLP examples: frameworks', () => {
  it('openllmetry', () => {
    const rows = load('openllmetry.json');
    const joke = 'Why did the span cross the road? To reach its parent.';
    const trace = { trace_name: 'joke_generator', user_id: 'user-123', session_id: 'sess-42' };
    check(rows, 'aa00000000000001', {
      type: 'SPAN',
      name: 'joke_generator.workflow',
      parent: '',
      input: { args: [], kwargs: { topic: 'OpenTelemetry' } },
      output: joke,
      trace,
    });
    check(rows, 'aa00000000000002', {
      type: 'SPAN',
      name: 'create_joke.task',
      parent: 'aa00000000000001',
      input: { args: ['OpenTelemetry'], kwargs: {} },
      output: joke,
      trace,
    });
    check(rows, 'aa00000000000004', {
      type: 'TOOL',
      name: 'lookup_pun.tool',
      parent: 'aa00000000000002',
      input: { args: [], kwargs: { word: 'span' } },
      output: ['spanning the gap'],
      trace,
    });
    check(rows, 'aa00000000000003', {
      type: 'GENERATION',
      name: 'openai.chat',
      parent: 'aa00000000000002',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { input: 24, output: 14, total: 38 },
      input: [{ role: 'system', parts: [text('You write one-line jokes.')] }, { role: 'user', parts: [text('Tell me a joke about OpenTelemetry')] }],
      output: [{ role: 'assistant', finish_reason: 'stop' }],
      trace,
    });
  });

  it('vercel-ai', () => {
    const rows = load('vercel-ai.json');
    const root = 'bb00000000000001';
    check(rows, root, {
      type: 'SPAN',
      name: 'ai.generateText',
      parent: '',
      model: 'gpt-4o',
      input: { system: 'You are a weather assistant.', prompt: "What's the weather in Paris?" },
      output: "It's rainy in Paris, around 14°C.",
      trace: { trace_name: 'weather-fn', user_id: 'user-123', session_id: 'sess-42' },
    });
    check(rows, 'bb00000000000002', {
      type: 'GENERATION',
      name: 'ai.generateText.doGenerate',
      parent: root,
      model: 'gpt-4o-2024-08-06',
      usage: { input: 80, output: 15, total: 95 },
      input: [{ role: 'system' }, { role: 'user' }],
      output: [{ toolCallId: 'call_1', toolName: 'getWeather' }],
    });
    check(rows, 'bb00000000000003', {
      type: 'TOOL',
      name: 'getWeather',
      parent: root,
      input: { city: 'Paris' },
      output: { city: 'Paris', tempC: 14, conditions: 'rain' },
    });
    check(rows, 'bb00000000000004', {
      type: 'GENERATION',
      name: 'ai.generateText.doGenerate',
      parent: root,
      model: 'gpt-4o-2024-08-06',
      usage: { input: 110, output: 16, total: 126 },
      output: "It's rainy in Paris, around 14°C.",
    });
  });

  it('openinference-llm', () => {
    const rows = load('openinference-llm.json');
    // The chat view (llm.*_messages) is preferred over the raw request/response in input.value/output.value.
    check(rows, 'c0ffee00c0ffee01', {
      type: 'GENERATION',
      name: 'ChatCompletion',
      parent: '',
      model: 'gpt-4o-2024-08-06',
      usage: { input: 20, input_cached_tokens: 32, output: 17, total: 69 },
      input: [
        { role: 'system', content: 'You are a concise weather assistant.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      output: [{ role: 'assistant', content: 'It is rainy in Paris, about 57°F.' }],
      trace: { trace_name: 'ChatCompletion', user_id: 'user-123', session_id: 'sess-42', tags: ['prod', 'weather'] },
    });
    expect(rows[0]?.model_parameters).toBe('{"model":"gpt-4o","temperature":0.2}');
    const metadata = JSON.parse(rows[0]?.metadata ?? '');
    expect(metadata).toMatchObject({ tenant: 'acme', experiment: 'b' });
    expect(metadata.tools).toMatchObject([{ type: 'function', function: { name: 'get_weather' } }]);
    // The raw request stays available in metadata for replay.
    expect(metadata.attributes['input.value']).toContain('"messages"');
  });

  it('openinference-agent-tool', () => {
    const rows = load('openinference-agent-tool.json');
    const agent = 'dd00000000000001';
    check(rows, agent, {
      type: 'AGENT',
      name: 'WeatherAgent',
      parent: '',
      input: "What's the weather in Paris, and tomorrow's forecast?",
      output: 'It is rainy in Paris (57°F). The forecast service timed out.',
      trace: { trace_name: 'WeatherAgent', user_id: 'user-123', session_id: 'sess-42' },
    });
    check(rows, 'dd00000000000002', {
      type: 'GENERATION',
      name: 'response',
      parent: agent,
      model: 'gpt-4o-2024-08-06',
      usage: { input: 120, output: 40, total: 160 },
      input: [
        { role: 'system', content: 'You answer weather questions.' },
        { role: 'user', content: "What's the weather in Paris, and tomorrow's forecast?" },
      ],
      output: [
        {
          role: 'assistant',
          tool_calls: [
            { id: 'call_a1', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_a2', function: { name: 'get_forecast', arguments: '{"city":"Paris","days":1}' } },
          ],
        },
      ],
    });
    check(rows, 'dd00000000000003', { type: 'TOOL', name: 'get_weather', parent: agent, input: { city: 'Paris' }, output: 'rainy, 57°F' });
    check(rows, 'dd00000000000004', {
      type: 'TOOL',
      name: 'get_forecast',
      parent: agent,
      input: { city: 'Paris', days: 1 },
      output: null,
      level: 'ERROR',
      status: 'TimeoutError: forecast service did not answer within 2s',
    });
    const failed = JSON.parse(rows.find((r) => r.id === 'dd00000000000004')?.metadata ?? '');
    expect(failed.exception).toMatchObject({ type: 'TimeoutError' });
    expect(failed.exception.stacktrace).toBeTruthy();
  });

  it('openinference-retriever-embedding', () => {
    const rows = load('openinference-retriever-embedding.json');
    const chain = 'ee00000000000001';
    check(rows, chain, { type: 'CHAIN', name: 'query', parent: '', input: 'How do refunds work?', output: 'Refunds are issued within 14 days.', trace: { trace_name: 'query' } });
    // Vectors stay in metadata.attributes; the output says how many and how wide (genai-conventions' recommendation).
    check(rows, 'ee00000000000002', {
      type: 'EMBEDDING',
      name: 'CreateEmbeddings',
      parent: chain,
      model: 'text-embedding-3-small',
      usage: { input: 6, total: 6 },
      input: ['How do refunds work?'],
      output: { embeddings: 1, dimensions: 4 },
    });
    expect(rows.find((r) => r.id === 'ee00000000000002')?.model_parameters).toBe('{"model":"text-embedding-3-small","encoding_format":"float"}');
    check(rows, 'ee00000000000003', {
      type: 'RETRIEVER',
      name: 'retrieve',
      parent: chain,
      input: 'How do refunds work?',
      output: [
        { id: 'doc_123', score: 0.95, content: 'Refunds are issued within 14 days of the request.', metadata: { source: 'faq.md' } },
        { id: 'doc_456', score: 0.87, content: 'Store credit is offered for late returns.' },
      ],
    });
    check(rows, 'ee00000000000004', {
      type: 'RETRIEVER',
      name: 'rerank',
      parent: chain,
      model: 'cross-encoder/ms-marco-MiniLM-L-12-v2',
      input: { query: 'How do refunds work?', top_k: 1, documents: [{ id: 'doc_123' }, { id: 'doc_456' }] },
      output: [{ id: 'doc_123', score: 0.99, content: 'Refunds are issued within 14 days of the request.' }],
    });
  });

  it('logfire-pydantic-ai', () => {
    const rows = load('logfire-pydantic-ai.json');
    const agent = 'cc00000000000001';
    check(rows, agent, {
      type: 'AGENT',
      name: 'invoke_agent weather_agent',
      parent: '',
      model: 'gpt-4o',
      input: [
        { role: 'system', parts: [text('Be concise.')] },
        { role: 'user', parts: [text('Weather in Paris?')] },
        { role: 'assistant' },
        { role: 'user', parts: [{ type: 'tool_call_response', id: 'call_p1', result: 'rainy, 14°C' }] },
        { role: 'assistant', parts: [text('Rainy, 14°C.')] },
      ],
      output: 'Rainy, 14°C.',
      trace: { session_id: 'conv-7', environment: 'dev', trace_name: 'weather_agent' },
    });
    // Run totals repeat the model calls: metadata only.
    expect(JSON.parse(rows.find((r) => r.id === agent)?.metadata ?? '').attributes['gen_ai.aggregated_usage.input_tokens']).toBe(130);
    check(rows, 'cc00000000000002', {
      type: 'GENERATION',
      name: 'chat gpt-4o',
      parent: agent,
      model: 'gpt-4o-2024-08-06',
      usage: { input: 58, output: 12, total: 70 },
      input: [{ role: 'system', parts: [text('Be concise.')] }, { role: 'user', parts: [text('Weather in Paris?')] }],
      output: [{ role: 'assistant', parts: [{ type: 'tool_call', id: 'call_p1', name: 'get_weather' }], finish_reason: 'tool_call' }],
    });
    check(rows, 'cc00000000000003', { type: 'TOOL', name: 'execute_tool get_weather', parent: agent, input: { city: 'Paris' }, output: 'rainy, 14°C' });
    check(rows, 'cc00000000000004', {
      type: 'GENERATION',
      name: 'chat gpt-4o',
      parent: agent,
      model: 'gpt-4o-2024-08-06',
      usage: { input: 72, output: 10, total: 82 },
      output: [{ role: 'assistant', parts: [text('Rainy, 14°C.')], finish_reason: 'stop' }],
    });
    const costs = rows.map((r) => r.cost_details.total ?? 0);
    expect(costs.reduce((a, b) => a + b, 0)).toBeCloseTo(0.000545, 9);
    expect(JSON.parse(rows.find((r) => r.id === 'cc00000000000002')?.metadata ?? '').tools).toMatchObject([{ name: 'get_weather' }]);
  });
});
