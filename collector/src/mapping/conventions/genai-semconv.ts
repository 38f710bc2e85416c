import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { isPresent, jsonText } from '../values.js';
import { eventInput, eventOutput } from './genai-events.js';
import { afterStart, costTotal, firstOf, json, jsonArray, lookup, present, str, text } from './helpers.js';
import type { Content, Convention } from './types.js';
import { usage } from './usage.js';

/**
 * OpenTelemetry GenAI semantic conventions v1.26 → newest (genai-conventions.md §1, §7): v1.37+ content
 * attributes, then the deprecated `gen_ai.prompt`/`gen_ai.completion` JSON attributes, then content
 * span events (genai-events.ts). The OpenLLMetry indexed form is in traceloop.ts.
 */

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
  ['invoke_workflow', 'CHAIN'],
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

export const GENAI_USAGE = {
  input: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.usage.prompt_tokens'],
  output: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.usage.completion_tokens'],
  total: ['gen_ai.usage.total_tokens', 'llm.usage.total_tokens'],
  cacheRead: ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens', 'gen_ai.usage.input_cached_tokens'],
  cacheCreation: [
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_write.input_tokens',
    'gen_ai.usage.cache_creation_input_tokens',
    'gen_ai.usage.cache_write_input_tokens',
  ],
  reasoning: ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.reasoning_tokens'],
  inputAudio: ['gen_ai.usage.audio.input_tokens', 'gen_ai.usage.input_audio_tokens'],
  inputImage: ['gen_ai.usage.image.input_tokens'],
  inputVideo: ['gen_ai.usage.video.input_tokens'],
  outputAudio: ['gen_ai.usage.audio.output_tokens', 'gen_ai.usage.output_audio_tokens'],
} as const;

export const genaiSemconv: Convention = {
  name: 'genai-semconv',
  priority: 30,
  matches: (span) => span.namespaces.has('gen_ai') || span.namespaces.has('llm') || span.events.length > 0,
  type: (span) => operationType(span) ?? (isTool(span) ? 'TOOL' : undefined),
  fields: {
    model: str('gen_ai.response.model', 'gen_ai.request.model'),
    modelParameters: requestParameters,
    usage: usage(GENAI_USAGE),
    cost: costTotal('gen_ai.usage.cost'),
    completionStartTime: afterStart(1, 'gen_ai.response.time_to_first_chunk', 'gen_ai.client.operation.time_to_first_chunk'),
    input: firstOf(
      inputMessages,
      json('gen_ai.tool.call.arguments'),
      text('gen_ai.retrieval.query.text'),
      json('gen_ai.prompt'),
      eventInput,
    ),
    output: firstOf(
      json('gen_ai.output.messages', 'gen_ai.tool.call.result', 'gen_ai.retrieval.documents', 'gen_ai.completion'),
      eventOutput,
    ),
    sessionId: str('gen_ai.conversation.id'),
    tools: jsonArray('gen_ai.tool.definitions'),
  },
};
