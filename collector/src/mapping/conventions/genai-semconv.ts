import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { isPresent, jsonText } from '../values.js';
import type { Content } from './types.js';
import { costTotal, firstOf, json, lookup, present, str, text, usage } from './helpers.js';
import type { Convention } from './types.js';

/** OpenTelemetry GenAI semantic conventions, v1.37+ with the older names still emitted (genai-conventions.md §1, §7). */

const OPERATION_TYPES: ReadonlyMap<string, ObservationType> = new Map([
  ['chat', 'GENERATION'],
  ['completion', 'GENERATION'],
  ['text_completion', 'GENERATION'],
  ['generate_content', 'GENERATION'],
  ['generate', 'GENERATION'],
  ['embeddings', 'EMBEDDING'],
  ['invoke_agent', 'AGENT'],
  ['create_agent', 'AGENT'],
  ['execute_tool', 'TOOL'],
  ['retrieval', 'RETRIEVER'],
]);

const operationType = lookup('gen_ai.operation.name', OPERATION_TYPES);
const isTool = present('gen_ai.tool.name', 'gen_ai.tool.call.id');

const REQUEST_PREFIX = 'gen_ai.request.';

/** Every `gen_ai.request.<k>` except the model, as `{k: value}`. */
function requestParameters(span: SpanView): string | undefined {
  let params: Record<string, unknown> | undefined;
  for (const key of span.keys) {
    if (key.startsWith(REQUEST_PREFIX) && key !== 'gen_ai.request.model') {
      (params ??= {})[key.slice(REQUEST_PREFIX.length)] = span.attributes[key];
    }
  }
  return params === undefined ? undefined : JSON.stringify(params);
}

const MESSAGES = 'gen_ai.input.messages';
const INSTRUCTIONS = 'gen_ai.system_instructions';

/** System instructions as a JSON array of parts (plain text becomes one text part). */
function instructionParts(value: unknown): string {
  if (typeof value === 'string') {
    const json = jsonText(value);
    if (json !== value) return JSON.stringify([{ type: 'text', content: value }]);
    return value.trimStart().startsWith('[') ? value : `[${value}]`;
  }
  return JSON.stringify(Array.isArray(value) ? value : [value]);
}

/**
 * `gen_ai.input.messages` with `gen_ai.system_instructions` put first as a system message, unless the
 * messages already hold one (instructions without messages are left to other conventions and metadata). The join is done on the JSON text, so large message arrays are not
 * parsed and re-encoded.
 */
function inputMessages(span: SpanView): Content | undefined {
  const messages = span.attributes[MESSAGES];
  if (!isPresent(messages)) return undefined;
  const list = jsonText(messages);
  const instructions = span.attributes[INSTRUCTIONS];
  if (!isPresent(instructions)) return { json: list, keys: [MESSAGES] };
  const system = `{"role":"system","parts":${instructionParts(instructions)}}`;
  const open = list.indexOf('[');
  const isArray = open >= 0 && list.trimStart().startsWith('[');
  if (!isArray || list.includes('"role":"system"') || list.includes('"role": "system"')) {
    return { json: list, keys: [MESSAGES] };
  }
  const rest = list.slice(open + 1);
  const joined = rest.trimStart().startsWith(']') ? `[${system}]` : `[${system},${rest}`;
  return { json: joined, keys: [MESSAGES, INSTRUCTIONS] };
}

export const genaiSemconv: Convention = {
  name: 'genai-semconv',
  priority: 30,
  type: (span) => operationType(span) ?? (isTool(span) ? 'TOOL' : undefined),
  fields: {
    model: str('gen_ai.response.model', 'gen_ai.request.model'),
    modelParameters: requestParameters,
    usage: usage({
      input: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
      output: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
      total: ['gen_ai.usage.total_tokens', 'llm.usage.total_tokens'],
    }),
    cost: costTotal('gen_ai.usage.cost'),
    input: firstOf(inputMessages, json('gen_ai.tool.call.arguments'), text('gen_ai.retrieval.query.text')),
    output: json('gen_ai.output.messages', 'gen_ai.tool.call.result', 'gen_ai.retrieval.documents'),
    sessionId: str('gen_ai.conversation.id'),
  },
};
