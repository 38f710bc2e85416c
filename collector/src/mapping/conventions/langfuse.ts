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
  parsed,
  present,
  str,
  strSpanThenResource,
  tags,
} from './helpers.js';
import type { Convention, Extra } from './types.js';

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

/** The four levels, plus the aliases Langfuse HEAD accepts (langfuse-ingestion.md §2.20), case-insensitive. */
const LEVEL_BY_NAME: ReadonlyMap<string, ObservationLevel> = new Map([
  ...LEVELS.map((l) => [l, l] as const),
  ['TRACE', 'DEBUG'],
  ['VERBOSE', 'DEBUG'],
  ['INFO', 'DEFAULT'],
  ['LOG', 'DEFAULT'],
  ['NOTICE', 'DEFAULT'],
  ['OK', 'DEFAULT'],
  ['SUCCESS', 'DEFAULT'],
  ['WARN', 'WARNING'],
  ['FATAL', 'ERROR'],
  ['CRITICAL', 'ERROR'],
]);

function level(span: SpanView): ObservationLevel | undefined {
  const key = 'langfuse.observation.level';
  const raw = span.attributes[key];
  if (!isPresent(raw)) return undefined;
  const value = typeof raw === 'string' ? LEVEL_BY_NAME.get(raw.toUpperCase()) : undefined;
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

const EXPERIMENT = 'langfuse.experiment.';
/** Experiment values documented as JSON (the rest are ids and names). */
const EXPERIMENT_JSON = new Set(['metadata', 'item.metadata', 'item.expected_output']);

const hasExperiment = present('langfuse.experiment.id', 'langfuse.experiment.name', 'langfuse.experiment.item.id');

/** `langfuse.experiment.*` → metadata.experiment `{id, name, dataset: {id}, item: {id, version, …}}`. */
function experiment(span: SpanView): Extra | undefined {
  if (!hasExperiment(span)) return undefined;
  let value: Record<string, unknown> | undefined;
  const keys: string[] = [];
  for (const key of span.keys) {
    if (!key.startsWith(EXPERIMENT)) continue;
    const path = key.slice(EXPERIMENT.length);
    const raw = span.attributes[key];
    const leaf = EXPERIMENT_JSON.has(path) ? parsed(raw) : raw;
    const [head, tail] = path.includes('.') ? [path.slice(0, path.indexOf('.')), path.slice(path.indexOf('.') + 1)] : [path, ''];
    value ??= Object.create(null) as Record<string, unknown>;
    if (tail === '') value[head] = leaf;
    else ((value[head] ??= Object.create(null)) as Record<string, unknown>)[tail] = leaf;
    keys.push(key);
  }
  return value === undefined ? undefined : { value, keys };
}

const GENERATION_KEYS = [
  'langfuse.observation.model.name',
  'langfuse.observation.cost_details',
  'langfuse.observation.usage_details',
  'langfuse.observation.completion_start_time',
  'langfuse.observation.model.parameters',
  'langfuse.observation.prompt.name',
  'langfuse.observation.prompt.version',
];

/** Python SDK ≤ 3.3 wrote generations as `span` (Langfuse's priority-0 fix, langfuse-ingestion.md §2.2). */
function oldPythonGeneration(span: SpanView): boolean {
  if (span.scope.name !== 'langfuse-sdk' || span.resource['telemetry.sdk.language'] !== 'python') return false;
  const [major = 0, minor = 0] = span.scope.version.split('.').map(Number);
  const old = span.scope.version === '' || major < 3 || (major === 3 && minor <= 3);
  return old && GENERATION_KEYS.some((k) => isPresent(span.attributes[k]));
}

const observationType = lookup('langfuse.observation.type', TYPES);
function type(span: SpanView): ObservationType | undefined {
  const value = observationType(span);
  return value === 'SPAN' && oldPythonGeneration(span) ? 'GENERATION' : value;
}

export const langfuse: Convention = {
  name: 'langfuse',
  priority: 10,
  matches: (span) =>
    span.namespaces.has('langfuse') ||
    span.namespaces.has('user') ||
    span.namespaces.has('session') ||
    span.resource['langfuse.environment'] !== undefined ||
    span.resource['langfuse.release'] !== undefined,
  // Lower-case values only, as Langfuse: anything else falls through to the other conventions.
  type,
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
    userId: str(
      'langfuse.user.id',
      'user.id',
      'langfuse.observation.metadata.langfuse_user_id',
      'langfuse.trace.metadata.langfuse_user_id',
    ),
    sessionId: str(
      'langfuse.session.id',
      'session.id',
      'langfuse.observation.metadata.langfuse_session_id',
      'langfuse.trace.metadata.langfuse_session_id',
    ),
    tags: tags(
      'langfuse.trace.tags',
      'langfuse.tags',
      'langfuse.observation.metadata.langfuse_tags',
      'langfuse.trace.metadata.langfuse_tags',
    ),
    public: bool('langfuse.trace.public', 'langfuse.public'),
    traceInput: json('langfuse.trace.input'),
    traceOutput: json('langfuse.trace.output'),
    traceMetadata: lifted('langfuse.trace.metadata'),
    experiment,
  },
};
