import { describe, expect, it } from 'vitest';
import { mapOne } from '../testdata/map.js';

const scope = { scope: { name: 'gcp.vertex.agent' } };

describe('Google ADK', () => {
  it('maps call_llm request/response and tool spans', () => {
    const llm = mapOne(
      { 'gen_ai.system': 'gcp.vertex.agent', 'gen_ai.request.model': 'gemini-2.0-flash', 'gcp.vertex.agent.llm_request': '{"contents":[]}', 'gcp.vertex.agent.llm_response': '{"content":{}}' },
      { name: 'call_llm' },
      scope,
    );
    expect(llm).toMatchObject({ type: 'GENERATION', model: 'gemini-2.0-flash', input: '{"contents":[]}', output: '{"content":{}}' });
    const tool = mapOne(
      { 'gcp.vertex.agent.llm_request': '{}', 'gcp.vertex.agent.tool_call_args': '{"q":1}', 'gcp.vertex.agent.tool_response': '{"r":2}' },
      { name: 'execute_tool lookup' },
      scope,
    );
    expect(tool).toMatchObject({ type: 'TOOL', input: '{"q":1}', output: '{"r":2}' });
    expect(mapOne({}, { name: 'agent_run [root]' }, scope).type).toBe('AGENT');
  });
});
