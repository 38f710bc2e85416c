import { describe, expect, it } from 'vitest';
import { check, load, text } from './testdata/golden.js';

/** Golden tests over the OTLP examples (see testdata/golden.ts): OpenInference, OpenLLMetry, Vercel AI SDK, pydantic-ai. */
describe('OTLP examples: frameworks', () => {
  it('openllmetry', () => {
    const rows = load('openllmetry.json');
    // follow-up: traceloop.* (entity input/output, workflow name as trace name, association user/session).
    check(rows, 'aa00000000000001', { type: 'SPAN', name: 'joke_generator.workflow', parent: '', input: null, trace: { user_id: '', session_id: '' } });
    check(rows, 'aa00000000000002', { type: 'SPAN', name: 'create_joke.task', parent: 'aa00000000000001' });
    check(rows, 'aa00000000000004', { type: 'TOOL', name: 'lookup_pun.tool', parent: 'aa00000000000002' });
    check(rows, 'aa00000000000003', {
      type: 'GENERATION',
      name: 'openai.chat',
      parent: 'aa00000000000002',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { input: 24, output: 14, total: 38 },
      input: [{ role: 'system', parts: [text('You write one-line jokes.')] }, { role: 'user', parts: [text('Tell me a joke about OpenTelemetry')] }],
      output: [{ role: 'assistant', finish_reason: 'stop' }],
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
    // follow-up: prefer the llm.input_messages.* / llm.output_messages.* chat view over the raw request/response.
    check(rows, 'c0ffee00c0ffee01', {
      type: 'GENERATION',
      name: 'ChatCompletion',
      parent: '',
      model: 'gpt-4o-2024-08-06',
      usage: { input: 52, output: 17, total: 69 },
      input: { model: 'gpt-4o', messages: [{ role: 'system' }, { role: 'user', content: 'Weather in Paris?' }] },
      output: { choices: [{ message: { role: 'assistant', content: 'It is rainy in Paris, about 57°F.' } }] },
      trace: { trace_name: 'ChatCompletion', user_id: 'user-123', session_id: 'sess-42', tags: ['prod', 'weather'] },
    });
    expect(rows[0]?.model_parameters).toBe('{"model":"gpt-4o","temperature":0.2}');
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
    // follow-up: input/output from llm.input_messages.* / llm.output_messages.* (no input.value here).
    check(rows, 'dd00000000000002', { type: 'GENERATION', name: 'response', parent: agent, model: 'gpt-4o-2024-08-06', usage: { input: 120, output: 40, total: 160 }, input: null });
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
  });

  it('openinference-retriever-embedding', () => {
    const rows = load('openinference-retriever-embedding.json');
    const chain = 'ee00000000000001';
    check(rows, chain, { type: 'CHAIN', name: 'query', parent: '', input: 'How do refunds work?', output: 'Refunds are issued within 14 days.', trace: { trace_name: 'query' } });
    // follow-up: embedding texts/vectors, retrieval.documents.*, reranker.* as input/output.
    check(rows, 'ee00000000000002', { type: 'EMBEDDING', name: 'CreateEmbeddings', parent: chain, model: 'text-embedding-3-small', usage: { input: 6, total: 6 }, input: null });
    check(rows, 'ee00000000000003', { type: 'RETRIEVER', name: 'retrieve', parent: chain, input: 'How do refunds work?', output: null });
    check(rows, 'ee00000000000004', { type: 'RETRIEVER', name: 'rerank', parent: chain, model: 'cross-encoder/ms-marco-MiniLM-L-12-v2', input: null });
  });

  it('logfire-pydantic-ai', () => {
    const rows = load('logfire-pydantic-ai.json');
    const agent = 'cc00000000000001';
    // follow-up: pydantic-ai run span (model_name, pydantic_ai.all_messages, final_result, gen_ai.agent.name as trace name).
    check(rows, agent, {
      type: 'AGENT',
      name: 'invoke_agent weather_agent',
      parent: '',
      input: null,
      output: null,
      trace: { session_id: 'conv-7', environment: 'dev', trace_name: 'invoke_agent weather_agent' },
    });
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
  });
});
