import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { parseJsonObject } from '../values.js';
import { json, lifted, lookup, str, tags } from './helpers.js';
import type { Convention } from './types.js';
import { normalizeUsage } from './usage.js';

/**
 * LangSmith SDK OTel export (scope `langsmith`, `langsmith.*`; genai-conventions.md §5.3). Runs as
 * `langsmith.span.kind`; it must beat genai-semconv because the exporter writes retriever runs as
 * `gen_ai.operation.name=embeddings`. Content is the run's inputs/outputs in `gen_ai.prompt`/`gen_ai.completion`.
 */

const RUN_TYPES: ReadonlyMap<string, ObservationType> = new Map([
  ['llm', 'GENERATION'],
  ['chain', 'CHAIN'],
  ['tool', 'TOOL'],
  ['retriever', 'RETRIEVER'],
  ['embedding', 'EMBEDDING'],
  ['prompt', 'SPAN'],
  ['parser', 'SPAN'],
]);

/** `gen_ai.usage.{input,output}_token_details` are stringified dicts (JSON, or a Python repr). */
function details(span: SpanView, key: string): Record<string, unknown> {
  const raw = span.attributes[key];
  if (typeof raw !== 'string') return parseJsonObject(raw) ?? {};
  return parseJsonObject(raw) ?? parseJsonObject(raw.replaceAll("'", '"')) ?? {};
}

function usage(span: SpanView): Record<string, number> | undefined {
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const input = n(span.attributes['gen_ai.usage.input_tokens']);
  const output = n(span.attributes['gen_ai.usage.output_tokens']);
  if (input === undefined && output === undefined) return undefined;
  const inDetails = details(span, 'gen_ai.usage.input_token_details');
  const outDetails = details(span, 'gen_ai.usage.output_token_details');
  return normalizeUsage({
    input,
    output,
    total: n(span.attributes['gen_ai.usage.total_tokens']),
    cacheRead: n(inDetails.cache_read),
    cacheCreation: n(inDetails.cache_creation),
    inputAudio: n(inDetails.audio),
    reasoning: n(outDetails.reasoning),
    outputAudio: n(outDetails.audio),
  });
}

export const langsmith: Convention = {
  name: 'langsmith',
  priority: 25,
  matches: (span) => span.attributes['langsmith.span.kind'] !== undefined,
  type: lookup('langsmith.span.kind', RUN_TYPES),
  fields: {
    usage,
    input: json('gen_ai.prompt'),
    output: json('gen_ai.completion'),
    metadata: lifted('langsmith.metadata'),
    tags: tags('langsmith.span.tags'),
    traceName: str('langsmith.trace.name'),
  },
};
