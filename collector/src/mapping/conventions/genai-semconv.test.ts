import { describe, expect, it } from 'vitest';
import { mapOne, metadataOf } from '../testdata/map.js';

describe('GenAI semconv input', () => {
  it('puts system instructions first as a system message', () => {
    const row = mapOne({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system_instructions': 'Be brief.',
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
    });
    expect(JSON.parse(row.input)).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
    ]);
    expect(metadataOf(row).attributes).toEqual({ 'gen_ai.operation.name': 'chat' });
  });

  it('does not add a second system message, and keeps JSON text as is', () => {
    const messages = '[{"role":"system","parts":[]},{"role":"user","parts":[]}]';
    const row = mapOne({ 'gen_ai.system_instructions': '[{"type":"text","content":"x"}]', 'gen_ai.input.messages': messages });
    expect(row.input).toBe(messages);
    expect(metadataOf(row).attributes['gen_ai.system_instructions']).toBe('[{"type":"text","content":"x"}]');
  });
});
