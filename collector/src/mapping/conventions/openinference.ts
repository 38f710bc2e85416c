import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { isPresent, jsonText, textJson } from '../values.js';
import { unflatten } from './flattened.js';
import { firstOf, jsonObject, lifted, lookup, str, tags } from './helpers.js';
import type { Content, Convention, Extra } from './types.js';
import { usage } from './usage.js';

/** OpenInference (Arize Phoenix) attributes (genai-conventions.md §2), also used by OpenAI Agents SDK spans. */

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

/** Wrapper segments of the flattened lists: `…0.message.role` → `[{role}]`. */
const WRAPPERS = new Set(['message', 'tool_call', 'document', 'embedding', 'message_content', 'tool']);
const JSON_LEAVES = new Set(['metadata', 'json_schema']);

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

/** A flattened list as content; `first` is the index-0 key checked before scanning (cheap gate). */
function list(prefix: string, first: string) {
  return (span: SpanView): Content | undefined => {
    if (!span.keys.some((k) => k.startsWith(first))) return undefined;
    const rebuilt = unflatten(span, prefix, WRAPPERS, JSON_LEAVES);
    return rebuilt === undefined ? undefined : { json: JSON.stringify(rebuilt.value), keys: rebuilt.keys };
  };
}

const inputMessages = list('llm.input_messages.', 'llm.input_messages.0.');
const outputMessages = list('llm.output_messages.', 'llm.output_messages.0.');
const documents = list('retrieval.documents.', 'retrieval.documents.0.');
const rerankedDocuments = list('reranker.output_documents.', 'reranker.output_documents.0.');
const completionPrompts = list('llm.prompts.', 'llm.prompts.0.');
const completionChoices = list('llm.choices.', 'llm.choices.0.');

/** Embedding texts are the input; the vectors stay in metadata and the output says how many and how wide. */
function embeddingTexts(span: SpanView): Content | undefined {
  if (span.attributes['openinference.span.kind'] !== 'EMBEDDING') return undefined;
  const rebuilt = unflatten(span, 'embedding.embeddings.', WRAPPERS);
  if (rebuilt === undefined) return undefined;
  const texts = (rebuilt.value as Record<string, unknown>[]).map((e) => e.text);
  return { json: JSON.stringify(texts), keys: rebuilt.keys.filter((k) => k.endsWith('.text')) };
}

function embeddingShape(span: SpanView): Content | undefined {
  if (span.attributes['openinference.span.kind'] !== 'EMBEDDING') return undefined;
  const rebuilt = unflatten(span, 'embedding.embeddings.', WRAPPERS, new Set(['vector']));
  if (rebuilt === undefined) return undefined;
  const vectors = (rebuilt.value as Record<string, unknown>[]).map((e) => e.vector).filter(Array.isArray);
  if (vectors.length === 0) return undefined;
  return { json: JSON.stringify({ embeddings: vectors.length, dimensions: vectors[0]!.length }), keys: [] };
}

function rerankerInput(span: SpanView): Content | undefined {
  const query = span.attributes['reranker.query'];
  if (!isPresent(query)) return undefined;
  const documents = unflatten(span, 'reranker.input_documents.', WRAPPERS, JSON_LEAVES);
  const input = { query, top_k: span.attributes['reranker.top_k'], documents: documents?.value ?? [] };
  return { json: JSON.stringify(input), keys: ['reranker.query', ...(documents?.keys ?? [])] };
}

function toolDefinitions(span: SpanView): Extra | undefined {
  if (!span.keys.some((k) => k.startsWith('llm.tools.0.'))) return undefined;
  const rebuilt = unflatten(span, 'llm.tools.', WRAPPERS, JSON_LEAVES);
  if (rebuilt === undefined) return undefined;
  const value = rebuilt.value.map((t) => (t as Record<string, unknown>).json_schema ?? t);
  return { value, keys: rebuilt.keys };
}

const cost = (span: SpanView): Record<string, number> | undefined => {
  const keys = [['input', 'llm.cost.prompt'], ['output', 'llm.cost.completion'], ['total', 'llm.cost.total']] as const;
  let out: Record<string, number> | undefined;
  for (const [name, key] of keys) {
    const raw = span.attributes[key];
    if (!isPresent(raw)) continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n >= 0) (out ??= {})[name] = n;
    else span.note(`${key}: not a non-negative cost`);
  }
  return out;
};

const openinferenceMetadata = lifted('metadata');

const OPENINFERENCE = ['openinference', 'input', 'output', 'llm', 'embedding', 'reranker', 'retrieval', 'tag', 'metadata'];

export const openinference: Convention = {
  name: 'openinference',
  priority: 20,
  matches: (span) => OPENINFERENCE.some((ns) => span.namespaces.has(ns)),
  type: lookup('openinference.span.kind', KINDS),
  fields: {
    model: str('embedding.model_name', 'reranker.model_name', 'llm.response.model_name', 'llm.model_name', 'llm.request.model_name'),
    modelParameters: jsonObject('llm.invocation_parameters', 'embedding.invocation_parameters'),
    usage: usage({
      input: ['llm.token_count.prompt'],
      output: ['llm.token_count.completion'],
      total: ['llm.token_count.total'],
      cacheRead: ['llm.token_count.prompt_details.cache_read'],
      cacheCreation: ['llm.token_count.prompt_details.cache_write'],
      reasoning: ['llm.token_count.completion_details.reasoning'],
      inputAudio: ['llm.token_count.prompt_details.audio'],
      outputAudio: ['llm.token_count.completion_details.audio'],
    }),
    cost,
    // The chat view (messages) is preferred over the raw request/response in input.value/output.value.
    input: firstOf(inputMessages, completionPrompts, embeddingTexts, rerankerInput, value('input')),
    output: firstOf(outputMessages, completionChoices, documents, rerankedDocuments, embeddingShape, value('output')),
    metadata: (span) => (span.attributes['openinference.span.kind'] === undefined ? undefined : openinferenceMetadata(span)),
    tags: tags('tag.tags'),
    tools: toolDefinitions,
  },
};
