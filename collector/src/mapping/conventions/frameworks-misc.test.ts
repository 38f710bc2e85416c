import { describe, expect, it } from 'vitest';
import { mapOne } from '../testdata/map.js';

describe('Strands, LiveKit, OpenAI Agents SDK', () => {
  it('Strands: cache aliases, time to first token (ms), tool status', () => {
    const row = mapOne(
      { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 40, 'gen_ai.usage.cache_read_input_tokens': 10, 'gen_ai.usage.cache_write_input_tokens': 5, 'gen_ai.server.time_to_first_token': 250 },
      {},
      { scope: { name: 'strands.telemetry.tracer' } },
    );
    expect(row.usage_details).toEqual({ input: 25, input_cached_tokens: 10, input_cache_creation: 5, total: 40 });
    expect(row.completion_start_time).toBe('2025-06-15 15:06:40.250000');
    expect(mapOne({ 'gen_ai.tool.name': 't', 'gen_ai.tool.status': 'error' }, {}, { scope: { name: 'strands.telemetry.tracer' } }).level).toBe('ERROR');
  });

  it('LiveKit: types and levels by span name, lk.* content, ttft, per-modality usage', () => {
    const scope = { scope: { name: 'livekit-agents' } };
    const llm = mapOne(
      { 'lk.pii.chat_ctx': '{"items":[]}', 'lk.pii.response.text': 'hi', 'lk.response.ttft': 0.5, 'gen_ai.usage.input_tokens': 30, 'gen_ai.usage.input_audio_tokens': 10 },
      { name: 'llm_request' },
      scope,
    );
    expect(llm).toMatchObject({ type: 'GENERATION', input: '{"items":[]}', output: '"hi"', usage_details: { input: 20, input_audio_tokens: 10, total: 30 } });
    expect(llm.completion_start_time).toBe('2025-06-15 15:06:40.500000');
    expect(mapOne({ 'lk.function_tool.arguments': '{"a":1}', 'lk.function_tool.output': '"r"' }, { name: 'function_tool' }, scope)).toMatchObject({
      type: 'TOOL',
      input: '{"a":1}',
      output: '"r"',
    });
    expect(mapOne({}, { name: 'eou_detection' }, scope).level).toBe('DEBUG');
    expect(mapOne({}, { name: 'eou_detection', status: { code: 2 } }, scope).level).toBe('ERROR');
  });

  it('OpenAI Agents SDK through Logfire: types by message template', () => {
    expect(mapOne({ 'logfire.msg_template': 'Agent run: {name!r}', 'logfire.msg': "Agent run: 'A'" }, { name: 'Agent run: {name!r}' }).type).toBe('AGENT');
    expect(mapOne({ 'logfire.msg_template': 'Handoff: {from_agent} → {to_agent}' }).type).toBe('TOOL');
    expect(mapOne({ 'logfire.msg_template': 'Guardrail {name!r} {triggered=}' }).type).toBe('GUARDRAIL');
  });
});
