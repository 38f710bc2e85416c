import { describe, expect, it } from 'vitest';
import { check, load, text } from './testdata/golden.js';

/** Golden tests over the OTLP examples (see testdata/golden.ts): OpenTelemetry GenAI semconv, current and legacy. */
describe('OTLP examples: GenAI semconv', () => {
  it('semconv-chat-v1.37', () => {
    const rows = load('semconv-chat-v1.37.json');
    check(rows, 'b7ad6b7169203331', { type: 'SPAN', name: 'POST /chat', parent: '', input: null, output: null, trace: { trace_name: 'POST /chat' } });
    check(rows, '00f067aa0ba902b7', {
      type: 'GENERATION',
      name: 'chat gpt-4o',
      parent: 'b7ad6b7169203331',
      model: 'gpt-4o-2024-08-06',
      usage: { input: 97, output: 21, total: 118 },
      input: [
        { role: 'system', parts: [text('You are a concise weather assistant.')] },
        { role: 'user', parts: [text('Weather in Paris?')] },
        { role: 'assistant', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' } }] },
        { role: 'tool', parts: [{ type: 'tool_call_response', response: 'rainy, 57°F' }] },
      ],
      output: [{ role: 'assistant', parts: [text('It is rainy in Paris, about 57°F.')], finish_reason: 'stop' }],
      trace: { session_id: 'conv_5j66UpCpwteGg4YSxUnt7lPY', user_id: '', trace_name: '' },
    });
    const generation = rows.find((r) => r.id === '00f067aa0ba902b7');
    expect(JSON.parse(generation?.model_parameters ?? '')).toEqual({ max_tokens: 200, temperature: 0.2, top_p: 1, seed: 42 });
  });

  it('semconv-agent-tool-v1.40', () => {
    const rows = load('semconv-agent-tool-v1.40.json');
    const agent = 'b9c7c989f97918e1';
    // The agent's own usage (310/43) is the sum of its children: kept in metadata, not as usage.
    check(rows, agent, {
      type: 'AGENT',
      name: 'invoke_agent WeatherAgent',
      parent: '',
      model: 'gpt-4o',
      input: [{ role: 'system' }, { role: 'user', parts: [text('Weather in Paris?')] }],
      output: [{ role: 'assistant', parts: [text('It is rainy in Paris, about 57°F.')], finish_reason: 'stop' }],
      trace: { trace_name: 'invoke_agent WeatherAgent', session_id: 'conv_42' },
    });
    check(rows, '5fb397be34d26b51', {
      type: 'GENERATION',
      name: 'chat gpt-4o',
      parent: agent,
      model: 'gpt-4o-2024-08-06',
      // 150 input tokens of which 128 cached: disjoint keys, so input* still sums to 150.
      usage: { input: 22, input_cached_tokens: 128, output: 18, total: 168 },
      input: [{ role: 'system' }, { role: 'user' }],
      output: [{ role: 'assistant', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' } }] }],
    });
    const first = rows.find((r) => r.id === '5fb397be34d26b51');
    expect(first?.completion_start_time).toBe('2025-06-15 15:06:40.470000');
    expect(JSON.parse(first?.metadata ?? '').tools).toMatchObject([{ type: 'function', name: 'get_weather' }]);
    check(rows, '2a5e3f1c9b7d4e60', {
      type: 'TOOL',
      name: 'execute_tool get_weather',
      parent: agent,
      input: { location: 'Paris' },
      output: { conditions: 'rainy', temperature_f: 57 },
    });
    check(rows, '6c1d9e8f7a2b3c40', {
      type: 'GENERATION',
      name: 'chat gpt-4o',
      parent: agent,
      model: 'gpt-4o-2024-08-06',
      usage: { input: 32, input_cached_tokens: 128, output: 25, total: 185 },
      input: [{ role: 'system' }, { role: 'user' }, { role: 'assistant' }, { role: 'tool' }],
      output: [{ role: 'assistant', parts: [text('It is rainy in Paris, about 57°F.')] }],
    });
    const agentRow = rows.find((r) => r.id === agent);
    expect(JSON.parse(agentRow?.metadata ?? '').attributes['gen_ai.usage.input_tokens']).toBe(310);
  });

  it('semconv-embeddings-retrieval-v1.40', () => {
    const rows = load('semconv-embeddings-retrieval-v1.40.json');
    check(rows, '1111111111111111', { type: 'SPAN', name: 'answer_question', parent: '', input: null, output: null });
    check(rows, '2222222222222222', {
      type: 'EMBEDDING',
      name: 'embeddings text-embedding-3-small',
      parent: '1111111111111111',
      model: 'text-embedding-3-small',
      usage: { input: 8, total: 8 },
      input: null,
      output: null,
    });
    check(rows, '3333333333333333', {
      type: 'RETRIEVER',
      name: 'retrieval kb-docs',
      parent: '1111111111111111',
      input: 'How do refunds work?',
      output: [{ id: 'doc_123', score: 0.95 }, { id: 'doc_456', score: 0.87 }],
    });
  });

  it('semconv-events-legacy', () => {
    const rows = load('semconv-events-legacy.json');
    check(rows, '0a0b0c0d0e0f0102', {
      type: 'GENERATION',
      name: 'chat gpt-4',
      parent: '',
      model: 'gpt-4-0613',
      usage: { input: 47, output: 52, total: 99 },
      input: [
        { role: 'system', content: 'You are a helpful bot' },
        { role: 'user', content: "What's the weather in Paris?" },
        {
          role: 'assistant',
          tool_calls: [
            { id: 'call_VSPygqKTWdrhaFErNvMV18Yl', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
          ],
        },
        { role: 'tool', id: 'call_VSPygqKTWdrhaFErNvMV18Yl', content: 'rainy, 57°F' },
      ],
      output: {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: 'The weather in Paris is rainy and overcast, with temperatures around 57°F' },
      },
    });
    check(rows, '1a1b1c1d1e1f1213', {
      type: 'GENERATION',
      name: 'chat',
      parent: '',
      model: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      usage: { input: 40, output: 12, total: 52 },
      input: [
        { role: 'system', content: [{ text: 'You are a helpful bot' }] },
        { role: 'user', content: [{ text: "What's the weather in Paris?" }] },
      ],
      output: { finish_reason: 'end_turn', message: [{ text: 'It is rainy, about 57°F.' }] },
    });
    check(rows, '2a2b2c2d2e2f2324', {
      type: 'GENERATION',
      name: 'chat.completions gpt-4',
      parent: '',
      model: 'gpt-4-0613',
      usage: { input: 30, output: 9, total: 39 },
      input: [
        { role: 'system', content: 'You are a helpful bot' },
        { role: 'user', content: "What's the weather in Paris?" },
      ],
      output: [{ role: 'assistant', content: 'It is rainy, about 57°F.' }],
    });
    // Events read as input/output are not stored a second time in metadata.events.
    for (const row of rows) expect(JSON.parse(row.metadata).events).toBeUndefined();
  });

  it('semconv-indexed-legacy', () => {
    const rows = load('semconv-indexed-legacy.json');
    check(rows, '3c4d5e6f708192a3', {
      type: 'GENERATION',
      name: 'openai.chat',
      parent: '',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { input: 82, output: 17, total: 99 },
      input: [
        { role: 'system', content: 'You are a helpful bot' },
        { role: 'user', content: "What's the weather in Paris?" },
      ],
      output: [
        {
          role: 'assistant',
          finish_reason: 'tool_calls',
          tool_calls: [{ id: 'call_VSPygqKTWdrhaFErNvMV18Yl', name: 'get_weather', arguments: '{"location":"Paris"}' }],
        },
      ],
      trace: { trace_name: 'openai.chat' },
    });
    const metadata = JSON.parse(rows[0]?.metadata ?? '');
    expect(metadata.tools).toEqual([
      { name: 'get_weather', description: 'Get current weather for a city', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
    ]);
    expect(Object.keys(metadata.attributes).filter((k) => k.startsWith('gen_ai.prompt.') || k.startsWith('gen_ai.completion.'))).toEqual([]);
  });
});
