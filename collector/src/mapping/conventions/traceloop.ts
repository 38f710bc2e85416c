import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { unflatten } from './flattened.js';
import { firstOf, json, lookup, str } from './helpers.js';
import type { Content, Convention, Extra } from './types.js';

/**
 * OpenLLMetry / Traceloop (genai-conventions.md §1.10, §3): SDK decorator spans (`traceloop.*`), the
 * indexed message form `gen_ai.prompt.{i}.*` / `gen_ai.completion.{i}.*` (0.17–0.54) and its predecessor
 * `llm.prompts.{i}.*` / `llm.completions.{i}.*` (< 0.17). Current OpenLLMetry (≥ 0.55) is plain semconv.
 */

const SPAN_KINDS: ReadonlyMap<string, ObservationType> = new Map([
  ['agent', 'AGENT'],
  ['tool', 'TOOL'],
]);

const REQUEST_TYPES: ReadonlyMap<string, ObservationType> = new Map([
  ['chat', 'GENERATION'],
  ['completion', 'GENERATION'],
  ['embedding', 'EMBEDDING'],
  ['rerank', 'RETRIEVER'],
]);

const OPERATIONS: ReadonlyMap<string, ObservationType> = new Map([
  ['vector_db_retrieve', 'RETRIEVER'],
  ['execute_task', 'SPAN'],
]);

const spanKind = lookup('traceloop.span.kind', SPAN_KINDS);
const requestType = lookup('llm.request.type', REQUEST_TYPES);
const operation = lookup('gen_ai.operation.name', OPERATIONS);

/** Indexed messages, only scanned when message 0 exists. */
function indexed(prefix: string): (span: SpanView) => Content | undefined {
  const role = `${prefix}0.role`;
  const content = `${prefix}0.content`;
  return (span) => {
    if (span.attributes[role] === undefined && span.attributes[content] === undefined) return undefined;
    const rebuilt = unflatten(span, prefix);
    return rebuilt === undefined ? undefined : { json: JSON.stringify(rebuilt.value), keys: rebuilt.keys };
  };
}

function functions(span: SpanView): Extra | undefined {
  if (span.attributes['llm.request.functions.0.name'] === undefined) return undefined;
  const rebuilt = unflatten(span, 'llm.request.functions.', undefined, new Set(['parameters']));
  return rebuilt === undefined ? undefined : { value: rebuilt.value, keys: rebuilt.keys };
}

export const traceloop: Convention = {
  name: 'traceloop',
  priority: 35,
  matches: (span) => span.namespaces.has('traceloop') || span.namespaces.has('llm') || span.namespaces.has('gen_ai'),
  type: (span) => spanKind(span) ?? requestType(span) ?? operation(span),
  fields: {
    model: str('llm.response.model', 'llm.request.model'),
    input: firstOf(json('traceloop.entity.input'), indexed('gen_ai.prompt.'), indexed('llm.prompts.')),
    output: firstOf(json('traceloop.entity.output'), indexed('gen_ai.completion.'), indexed('llm.completions.')),
    tools: functions,
    version: str('traceloop.entity.version'),
    traceName: str('traceloop.workflow.name'),
    userId: str('traceloop.association.properties.user_id'),
    sessionId: str('traceloop.association.properties.session_id'),
    promptName: str('traceloop.prompt.key'),
  },
};
