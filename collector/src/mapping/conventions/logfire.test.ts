import { describe, expect, it } from 'vitest';
import { mapOne } from '../testdata/map.js';

describe('Logfire and pydantic-ai', () => {
  it('names template spans by logfire.msg and maps level numbers and tags', () => {
    const row = mapOne(
      { 'logfire.msg': 'Chat Completion with gpt-4o', 'logfire.span_type': 'span', 'logfire.level_num': 17, 'logfire.tags': ['a'] },
      { name: 'Chat Completion with {request_data[model]!r}' },
    );
    expect(row).toMatchObject({ name: 'Chat Completion with gpt-4o', level: 'ERROR', tags: ['a'] });
    expect(mapOne({ 'logfire.msg': 'x', 'logfire.level_num': 13 }, { name: 'plain' })).toMatchObject({ name: 'plain', level: 'WARNING' });
  });

  it('splits a format-1 events attribute into input messages and the choice', () => {
    const events = [
      { 'event.name': 'gen_ai.user.message', content: 'hi', role: 'user' },
      { 'event.name': 'gen_ai.choice', index: 0, message: { role: 'assistant', content: 'yo' } },
    ];
    const row = mapOne({ 'logfire.span_type': 'span', 'gen_ai.operation.name': 'chat', events: JSON.stringify(events) });
    expect(JSON.parse(row.input)).toEqual([events[0]]);
    expect(JSON.parse(row.output)).toEqual(events[1]);
  });

  it('reads pydantic-ai format 1–2 tool spans and cost', () => {
    const row = mapOne(
      { 'gen_ai.tool.name': 'get', tool_arguments: '{"city":"Paris"}', tool_response: 'rain', 'operation.cost': 0.5 },
      {},
      { scope: { name: 'pydantic-ai' } },
    );
    expect(row).toMatchObject({ type: 'TOOL', input: '{"city":"Paris"}', output: '"rain"' });
  });
});
