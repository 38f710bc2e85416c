import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { isPresent } from '../values.js';
import { byName, json } from './helpers.js';
import type { Content, Convention } from './types.js';

/**
 * Google ADK (scope `gcp.vertex.agent`; genai-conventions.md §5.2). `gen_ai.system=gcp.vertex.agent`
 * names the framework, not the vendor. Model calls are `call_llm`; content is the google-genai
 * request/response JSON; tool spans carry `llm_request='{}'` and their own args/response.
 */

const SPANS: ReadonlyMap<string, ObservationType> = new Map([
  ['call_llm', 'GENERATION'],
  ['invocation', 'CHAIN'],
  ['execute_tool (merged)', 'TOOL'],
]);

function prefixType(span: SpanView): ObservationType | undefined {
  if (span.name.startsWith('execute_tool ')) return 'TOOL';
  if (span.name.startsWith('invoke_agent') || span.name.startsWith('agent_run')) return 'AGENT';
  return undefined;
}

/** The LLM side unless it is the empty `{}` that tool spans carry, then the tool side. */
function content(llmKey: string, toolKey: string): (span: SpanView) => Content | undefined {
  const llm = json(llmKey);
  const tool = json(toolKey);
  return (span) => {
    const value = span.attributes[llmKey];
    return isPresent(value) && value !== '{}' ? llm(span) : tool(span);
  };
}

const byNameType = byName(SPANS);

export const adk: Convention = {
  name: 'adk',
  priority: 45,
  matches: (span) => span.scope.name === 'gcp.vertex.agent',
  type: (span) => byNameType(span) ?? prefixType(span),
  fields: {
    input: content('gcp.vertex.agent.llm_request', 'gcp.vertex.agent.tool_call_args'),
    output: content('gcp.vertex.agent.llm_response', 'gcp.vertex.agent.tool_response'),
  },
};
