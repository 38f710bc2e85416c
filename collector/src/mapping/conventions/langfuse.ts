import { LEVELS } from '../../batch/index.js';
import type { ObservationLevel, ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { isoToDateTime64 } from '../time.js';
import { isPresent, toAmount, toCount } from '../values.js';
import {
  bool,
  details,
  firstKey,
  json,
  jsonObject,
  lifted,
  lookup,
  str,
  strSpanThenResource,
  tags,
} from './helpers.js';
import type { Convention } from './types.js';

/** `langfuse.*` attributes written by the Langfuse SDKs (langfuse-ingestion.md §2.4–2.7, 2.11–2.15). */

const TYPES: ReadonlyMap<string, ObservationType> = new Map([
  ['span', 'SPAN'],
  ['generation', 'GENERATION'],
  ['event', 'EVENT'],
  ['embedding', 'EMBEDDING'],
  ['agent', 'AGENT'],
  ['tool', 'TOOL'],
  ['chain', 'CHAIN'],
  ['retriever', 'RETRIEVER'],
  ['guardrail', 'GUARDRAIL'],
  ['evaluator', 'EVALUATOR'],
]);

const LEVEL_BY_NAME: ReadonlyMap<string, ObservationLevel> = new Map(LEVELS.map((l) => [l, l]));

function level(span: SpanView): ObservationLevel | undefined {
  const key = 'langfuse.observation.level';
  const raw = span.attributes[key];
  if (!isPresent(raw)) return undefined;
  const value = typeof raw === 'string' ? LEVEL_BY_NAME.get(raw) : undefined;
  if (value === undefined) span.note(`${key}: not one of ${LEVELS.join(', ')}`);
  return value;
}

/** ISO datetime; older SDKs JSON-encoded it a second time (`"\"2025-…Z\""`). */
function completionStartTime(span: SpanView): string | undefined {
  const key = 'langfuse.observation.completion_start_time';
  const raw = span.attributes[key];
  if (!isPresent(raw)) return undefined;
  const text = typeof raw === 'string' && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  const time = typeof text === 'string' ? isoToDateTime64(text) : undefined;
  if (time === undefined) span.note(`${key}: not an ISO 8601 datetime with a zone`);
  return time;
}

function promptVersion(span: SpanView): number | undefined {
  const key = firstKey(span.attributes, ['langfuse.observation.prompt.version', 'langfuse.prompt.version']);
  if (key === undefined) return undefined;
  const version = toCount(span.attributes[key]);
  if (version === undefined) span.note(`${key}: not a non-negative integer`);
  return version;
}

const asRoot = bool('langfuse.internal.as_root');

export const langfuse: Convention = {
  name: 'langfuse',
  priority: 10,
  // Lower-case values only, as Langfuse: anything else falls through to the other conventions.
  type: lookup('langfuse.observation.type', TYPES),
  fields: {
    level,
    statusMessage: str('langfuse.observation.status_message'),
    version: str('langfuse.version'),
    release: strSpanThenResource('langfuse.release'),
    environment: strSpanThenResource('langfuse.environment'),
    model: str('langfuse.observation.model.name'),
    modelParameters: jsonObject('langfuse.observation.model.parameters'),
    usage: details('langfuse.observation.usage_details', toCount),
    cost: details('langfuse.observation.cost_details', toAmount),
    completionStartTime,
    promptName: str('langfuse.observation.prompt.name', 'langfuse.prompt.name'),
    promptVersion,
    input: json('langfuse.observation.input'),
    output: json('langfuse.observation.output'),
    metadata: lifted('langfuse.observation.metadata', 'langfuse.metadata'),
    asRoot: (span) => asRoot(span) || undefined,
    traceName: str('langfuse.trace.name'),
    userId: str('langfuse.user.id', 'user.id'),
    sessionId: str('langfuse.session.id', 'session.id'),
    tags: tags('langfuse.trace.tags', 'langfuse.tags'),
    public: bool('langfuse.trace.public', 'langfuse.public'),
    traceInput: json('langfuse.trace.input'),
    traceOutput: json('langfuse.trace.output'),
    traceMetadata: lifted('langfuse.trace.metadata'),
  },
};
