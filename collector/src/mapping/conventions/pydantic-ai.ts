import type { SpanView } from '../span-view.js';
import { isPresent, jsonText } from '../values.js';
import { costTotal, firstOf, json, str } from './helpers.js';
import type { Content, Convention } from './types.js';

/**
 * pydantic-ai (scope `pydantic-ai`, all instrumentation formats; genai-conventions.md §5.1). Model and
 * tool spans are plain semconv; this adds the agent run span (`pydantic_ai.all_messages`, `final_result`,
 * `model_name`), format 1–2 tool spans (`tool_arguments` / `tool_response`), the cost, and the agent name
 * as the trace name. Run totals (`gen_ai.aggregated_usage.*`) stay in metadata: they repeat the model calls.
 */

const ALL_MESSAGES = 'pydantic_ai.all_messages';
const INSTRUCTIONS = 'gen_ai.system_instructions';

/** The run's messages with the system instructions put first, as Langfuse does. */
function allMessages(span: SpanView): Content | undefined {
  const messages = span.attributes[ALL_MESSAGES];
  if (!isPresent(messages)) return undefined;
  const list = jsonText(messages);
  const instructions = span.attributes[INSTRUCTIONS];
  if (!isPresent(instructions) || !list.trimStart().startsWith('[')) return { json: list, keys: [ALL_MESSAGES] };
  const parts = jsonText(instructions);
  const system = `{"role":"system","parts":${parts.trimStart().startsWith('[') ? parts : `[{"type":"text","content":${parts}}]`}}`;
  const rest = list.slice(list.indexOf('[') + 1);
  const joined = rest.trimStart().startsWith(']') ? `[${system}]` : `[${system},${rest}`;
  return { json: joined, keys: [ALL_MESSAGES, INSTRUCTIONS] };
}

const agentName = str('gen_ai.agent.name', 'agent_name');

export const pydanticAi: Convention = {
  name: 'pydantic-ai',
  priority: 50,
  matches: (span) => span.scope.name === 'pydantic-ai',
  fields: {
    model: str('model_name'),
    cost: costTotal('operation.cost'),
    input: firstOf(allMessages, json('tool_arguments')),
    output: firstOf(json('final_result', 'tool_response')),
    traceName: (span) => (span.parentSpanId === '' ? agentName(span) : undefined),
  },
};
