import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { isPresent, jsonText, textJson } from '../values.js';
import { costTotal, jsonObject, lookup, str, tags, usage } from './helpers.js';
import type { Content, Convention } from './types.js';

/** OpenInference (Arize Phoenix) attributes (genai-conventions.md §2). */

const KINDS: ReadonlyMap<string, ObservationType> = new Map([
  ['LLM', 'GENERATION'],
  ['EMBEDDING', 'EMBEDDING'],
  ['CHAIN', 'CHAIN'],
  ['RETRIEVER', 'RETRIEVER'],
  // Langfuse has no reranker type; a reranker retrieves a (re-ordered) document list.
  ['RERANKER', 'RETRIEVER'],
  ['TOOL', 'TOOL'],
  ['AGENT', 'AGENT'],
  ['GUARDRAIL', 'GUARDRAIL'],
  ['EVALUATOR', 'EVALUATOR'],
  ['PROMPT', 'SPAN'],
  ['UNKNOWN', 'SPAN'],
]);

/** `input.value` / `output.value`: JSON only when the sibling `*.mime_type` says so, otherwise text. */
function value(prefix: 'input' | 'output') {
  const key = `${prefix}.value`;
  const mimeKey = `${prefix}.mime_type`;
  return (span: SpanView): Content | undefined => {
    const raw = span.attributes[key];
    if (!isPresent(raw)) return undefined;
    const isJson = span.attributes[mimeKey] === 'application/json';
    return { json: isJson ? jsonText(raw) : textJson(raw), keys: [key] };
  };
}

export const openinference: Convention = {
  name: 'openinference',
  priority: 20,
  type: lookup('openinference.span.kind', KINDS),
  fields: {
    model: str('embedding.model_name', 'reranker.model_name', 'llm.model_name'),
    modelParameters: jsonObject('llm.invocation_parameters', 'embedding.invocation_parameters'),
    usage: usage({
      input: ['llm.token_count.prompt'],
      output: ['llm.token_count.completion'],
      total: ['llm.token_count.total'],
    }),
    cost: costTotal('llm.cost.total'),
    input: value('input'),
    output: value('output'),
    tags: tags('tag.tags'),
  },
};
