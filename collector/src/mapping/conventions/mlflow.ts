import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { asString, isPresent, parseJsonObject, toAmount } from '../values.js';
import { parsed } from './helpers.js';
import type { Content, Convention, Extra, Lifted } from './types.js';
import { normalizeUsage } from './usage.js';

/**
 * MLflow tracing (`mlflow.*`; genai-conventions.md §5.4). MLflow JSON-encodes every attribute value
 * (`mlflow.spanType` = `"\"LLM\""`), so each value is decoded once before use.
 */

const SPAN_TYPES: ReadonlyMap<string, ObservationType> = new Map([
  ['LLM', 'GENERATION'],
  ['CHAT_MODEL', 'GENERATION'],
  ['EMBEDDING', 'EMBEDDING'],
  ['CHAIN', 'CHAIN'],
  ['WORKFLOW', 'CHAIN'],
  ['TASK', 'CHAIN'],
  ['AGENT', 'AGENT'],
  ['TOOL', 'TOOL'],
  ['RETRIEVER', 'RETRIEVER'],
  ['RERANKER', 'RETRIEVER'],
  ['MEMORY', 'RETRIEVER'],
  ['GUARDRAIL', 'GUARDRAIL'],
  ['EVALUATOR', 'EVALUATOR'],
  ['PARSER', 'SPAN'],
  ['UNKNOWN', 'SPAN'],
]);

const decoded = (span: SpanView, key: string): unknown => parsed(span.attributes[key]);

function content(key: string): (span: SpanView) => Content | undefined {
  return (span) => {
    const raw = span.attributes[key];
    // Already JSON text: stored as is, so a decoded string stays a JSON string.
    return isPresent(raw) ? { json: typeof raw === 'string' ? raw : JSON.stringify(raw), keys: [key] } : undefined;
  };
}

function decodedString(key: string): (span: SpanView) => string | undefined {
  return (span) => {
    const value = decoded(span, key);
    return isPresent(value) ? asString(value) : undefined;
  };
}

function usage(span: SpanView): Record<string, number> | undefined {
  const object = parseJsonObject(span.attributes['mlflow.chat.tokenUsage']);
  if (object === undefined) return undefined;
  const n = (k: string) => (typeof object[k] === 'number' ? object[k] : undefined);
  return normalizeUsage({
    input: n('input_tokens'),
    output: n('output_tokens'),
    total: n('total_tokens'),
    cacheRead: n('cache_read_input_tokens'),
    cacheCreation: n('cache_creation_input_tokens'),
  });
}

function cost(span: SpanView): Record<string, number> | undefined {
  const object = parseJsonObject(span.attributes['mlflow.llm.cost']);
  if (object === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const [from, to] of [['input_cost', 'input'], ['output_cost', 'output'], ['total_cost', 'total']] as const) {
    const amount = toAmount(object[from]);
    if (amount !== undefined) out[to] = amount;
  }
  return out;
}

const TAG_PREFIX = 'mlflow.traceTag.';

/** `mlflow.traceTag.<key>` → trace metadata `{key: value}`. */
function traceTags(span: SpanView): Lifted | undefined {
  let value: Record<string, unknown> | undefined;
  const keys: string[] = [];
  for (const key of span.keys) {
    if (!key.startsWith(TAG_PREFIX)) continue;
    (value ??= {})[key.slice(TAG_PREFIX.length)] = decoded(span, key);
    keys.push(key);
  }
  return value === undefined ? undefined : { value, keys };
}

function tools(span: SpanView): Extra | undefined {
  const value = decoded(span, 'mlflow.chat.tools');
  return Array.isArray(value) ? { value, keys: ['mlflow.chat.tools'] } : undefined;
}

export const mlflow: Convention = {
  name: 'mlflow',
  priority: 22,
  matches: (span) => span.attributes['mlflow.spanType'] !== undefined || span.attributes['mlflow.traceRequestId'] !== undefined,
  type: (span) => {
    const value = decoded(span, 'mlflow.spanType');
    return typeof value === 'string' ? SPAN_TYPES.get(value) : undefined;
  },
  fields: {
    model: decodedString('mlflow.llm.model'),
    usage,
    cost,
    input: content('mlflow.spanInputs'),
    output: content('mlflow.spanOutputs'),
    tools,
    traceMetadata: traceTags,
  },
};
