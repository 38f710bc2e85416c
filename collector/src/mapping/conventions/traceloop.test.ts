import { describe, expect, it } from 'vitest';
import { mapOne, metadataOf } from '../testdata/map.js';

describe('OpenLLMetry / Traceloop', () => {
  it('types decorator spans and reads entity input/output and associations', () => {
    const row = mapOne({
      'traceloop.span.kind': 'agent',
      'traceloop.entity.input': '{"args":[],"kwargs":{}}',
      'traceloop.entity.output': '"done"',
      'traceloop.workflow.name': 'wf',
      'traceloop.association.properties.user_id': 'u',
      'traceloop.association.properties.session_id': 's',
    });
    expect(row).toMatchObject({ type: 'AGENT', input: '{"args":[],"kwargs":{}}', output: '"done"', trace_name: 'wf', user_id: 'u', session_id: 's' });
  });

  it('rebuilds pre-0.17 llm.prompts.{i} messages, sorted numerically, with llm.usage.* and llm.request.type', () => {
    const attrs: Record<string, unknown> = { 'llm.request.type': 'chat', 'llm.request.model': 'gpt-3.5', 'llm.usage.prompt_tokens': 5, 'llm.usage.completion_tokens': 2 };
    for (let i = 0; i < 11; i++) attrs[`llm.prompts.${i}.content`] = `m${i}`;
    attrs['llm.completions.0.content'] = 'ok';
    const row = mapOne(attrs);
    expect(row).toMatchObject({ type: 'GENERATION', model: 'gpt-3.5', usage_details: { input: 5, output: 2, total: 7 } });
    expect(JSON.parse(row.input).map((m: { content: string }) => m.content)).toEqual([...Array(11).keys()].map((i) => `m${i}`));
    expect(JSON.parse(row.output)).toEqual([{ content: 'ok' }]);
    expect(metadataOf(row).attributes['llm.prompts.10.content']).toBeUndefined();
  });
});
