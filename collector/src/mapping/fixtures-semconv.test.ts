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
      usage: { input: 150, output: 18, total: 168 }, // follow-up: cache_read 128
      input: [{ role: 'system' }, { role: 'user' }],
      output: [{ role: 'assistant', parts: [{ type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' } }] }],
    });
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
      usage: { input: 160, output: 25, total: 185 },
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
    // follow-up: input/output from the gen_ai.*.message / gen_ai.choice / gen_ai.content.* span events
    // (kept in metadata.events for now).
    check(rows, '0a0b0c0d0e0f0102', { type: 'GENERATION', name: 'chat gpt-4', parent: '', model: 'gpt-4-0613', usage: { input: 47, output: 52, total: 99 }, input: null });
    check(rows, '1a1b1c1d1e1f1213', {
      type: 'GENERATION',
      name: 'chat',
      parent: '',
      model: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      usage: { input: 40, output: 12, total: 52 },
    });
    check(rows, '2a2b2c2d2e2f2324', { type: 'GENERATION', name: 'chat.completions gpt-4', parent: '', model: 'gpt-4-0613', usage: { input: 30, output: 9, total: 39 } });
    const azure = rows.find((r) => r.id === '0a0b0c0d0e0f0102');
    expect(JSON.parse(azure?.metadata ?? '').events.map((e: { name: string }) => e.name)).toEqual([
      'gen_ai.system.message',
      'gen_ai.user.message',
      'gen_ai.assistant.message',
      'gen_ai.tool.message',
      'gen_ai.choice',
    ]);
  });

  it('semconv-indexed-legacy', () => {
    const rows = load('semconv-indexed-legacy.json');
    // follow-up: input/output rebuilt from gen_ai.prompt.{i}.* / gen_ai.completion.{i}.*.
    check(rows, '3c4d5e6f708192a3', {
      type: 'GENERATION',
      name: 'openai.chat',
      parent: '',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { input: 82, output: 17, total: 99 },
      input: null,
      output: null,
      trace: { trace_name: 'openai.chat' },
    });
  });
});
