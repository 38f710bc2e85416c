import type { ObservationRow } from '../batch/index.js';
import type { Span } from '../otlp/types.js';
import type { Attributes } from './attributes.js';
import { CONVENTIONS } from './conventions/index.js';
import type { Content, FieldName, FieldValues } from './conventions/index.js';
import { isEmptyId, normalizeId } from './ids.js';
import { composeMetadata } from './metadata.js';
import { cut, exceeds } from './truncate.js';

const TRUNCATED = '…(truncated from ';
import { activeConventions, resolveField, resolveType } from './resolve.js';
import { createSpanView } from './span-view.js';
import type { ScopeView } from './span-view.js';
import { nanosToDateTime64 } from './time.js';
import { normalizeEnvironment } from './values.js';

/** What all spans of one ScopeSpans share. */
export interface ScopeContext {
  resource: Attributes;
  scope: ScopeView;
  /** Encoded resource/scope part of the metadata (see metadata.ts). */
  metadataTail: string;
}

export interface RowContext {
  projectId: string;
  /** DateTime64 text of the request's receipt. */
  eventTs: string;
  /** Size limit of one attribute value or one JSON column, in UTF-8 bytes. */
  maxFieldBytes: number;
}

/** Why a span was rejected, for the OTLP partial-success message. */
export interface Rejection {
  reason: string;
}

/** A span that is deliberately not an observation (not an error, not counted as rejected). */
export interface Skipped {
  skipped: true;
}


/** Attribute keys whose values moved into their own column or into lifted metadata. */
function consumedKeys(sources: readonly ({ keys: readonly string[] } | undefined)[]): string[] {
  const keys: string[] = [];
  for (const source of sources) if (source !== undefined) keys.push(...source.keys);
  return keys;
}

function consumedEvents(sources: readonly (Content | undefined)[]): string[] {
  const names: string[] = [];
  for (const source of sources) if (source?.events !== undefined) names.push(...source.events);
  return names;
}

/** A JSON column over the limit becomes a JSON string of its cut text (cut JSON would not parse). */
function limitJson(json: string, column: string, max: number, truncated: string[]): string {
  // A value already cut as an attribute may grow a little by JSON escaping; it was counted once.
  if (!exceeds(json, max) || (json.endsWith(' bytes)"') && json.includes(TRUNCATED))) return json;
  truncated.push(column);
  return JSON.stringify(cut(json, max));
}

/** Sums the counts when no total is given, so every usage has one. */
function withTotal(usage: Record<string, number> | undefined): Record<string, number> {
  if (usage === undefined) return {};
  if (usage.total === undefined) {
    let total = 0;
    for (const key in usage) total += usage[key] ?? 0;
    usage.total = total;
  }
  return usage;
}

/**
 * One span → one observation row, or a rejection when it can't be an observation (bad ids, no start
 * time). Trace-level columns carry only what this span says about its trace: trace_input/output and
 * trace_metadata come from explicit trace attributes (readers fall back to the root observation's
 * input/output), trace_name falls back to the observation name on roots only.
 */
export function mapSpan(
  span: Span,
  scope: ScopeContext,
  context: RowContext,
  truncated: string[],
): ObservationRow | Rejection | Skipped {
  const traceId = normalizeId(span.traceId, 32);
  if (traceId === undefined) return { reason: 'traceId is not 32 hex digits or is all zeros' };
  const id = normalizeId(span.spanId, 16);
  if (id === undefined) return { reason: 'spanId is not 16 hex digits or is all zeros' };
  const startTime = nanosToDateTime64(span.startTimeUnixNano);
  if (startTime === undefined) return { reason: 'startTimeUnixNano is missing or invalid' };

  const issues: string[] = [];
  let parent = '';
  if (!isEmptyId(span.parentSpanId)) {
    parent = normalizeId(span.parentSpanId, 16) ?? '';
    if (parent === '') issues.push('parentSpanId is not 16 hex digits; mapped as a root span');
  }
  let endTime: string | null = null;
  if (span.endTimeUnixNano !== undefined && span.endTimeUnixNano !== '' && span.endTimeUnixNano !== '0') {
    endTime = nanosToDateTime64(span.endTimeUnixNano) ?? null;
    if (endTime === null) issues.push('endTimeUnixNano is invalid; end time left empty');
  }

  const max = context.maxFieldBytes;
  const view = createSpanView(span, scope.resource, scope.scope, parent, issues, { maxFieldBytes: max, truncated });
  const conventions = activeConventions(CONVENTIONS, view);
  const get = <K extends FieldName>(field: K): FieldValues[K] | undefined => resolveField(conventions, view, field);
  if (get('drop') === true) return { skipped: true };
  const type = resolveType(conventions, view);

  const name = get('name') ?? view.name;
  const isRoot = parent === '' || get('asRoot') === true;
  // Wrapper spans (agents, chains, SDK wrappers) often repeat their children's usage; keeping it only on
  // the model calls themselves keeps trace totals from double counting. It stays in metadata.attributes.
  const isModelCall = type === 'GENERATION' || type === 'EMBEDDING';
  const input = get('input');
  const output = get('output');
  const traceInput = get('traceInput');
  const traceOutput = get('traceOutput');
  const metadata = get('metadata');
  const traceMetadata = get('traceMetadata');
  const tools = get('tools');
  const experiment = get('experiment');
  const exception = get('exception');

  const row: ObservationRow = {
    project_id: context.projectId,
    trace_id: traceId,
    id,
    parent_observation_id: parent,
    type,
    name,
    start_time: startTime,
    end_time: endTime,
    completion_start_time: get('completionStartTime') ?? null,
    level: get('level') ?? 'DEFAULT',
    status_message: get('statusMessage') ?? '',
    version: get('version') ?? '',
    release: get('release') ?? '',
    environment: normalizeEnvironment(get('environment')),
    is_root: isRoot,
    trace_name: get('traceName') ?? (isRoot ? name : ''),
    user_id: get('userId') ?? '',
    session_id: get('sessionId') ?? '',
    tags: get('tags') ?? [],
    public: get('public') ?? false,
    trace_input: traceInput === undefined ? '' : limitJson(traceInput.json, 'trace_input', max, truncated),
    trace_output: traceOutput === undefined ? '' : limitJson(traceOutput.json, 'trace_output', max, truncated),
    trace_metadata:
      traceMetadata === undefined ? '' : limitJson(JSON.stringify(traceMetadata.value), 'trace_metadata', max, truncated),
    model: get('model') ?? '',
    model_id: '',
    model_parameters: limitJson(get('modelParameters') ?? '', 'model_parameters', max, truncated),
    usage_details: isModelCall ? withTotal(get('usage')) : {},
    cost_details: isModelCall ? (get('cost') ?? {}) : {},
    prompt_id: '',
    prompt_name: get('promptName') ?? '',
    prompt_version: get('promptVersion') ?? null,
    input: input === undefined ? '' : limitJson(input.json, 'input', max, truncated),
    output: output === undefined ? '' : limitJson(output.json, 'output', max, truncated),
    metadata: '',
    event_ts: context.eventTs,
  };
  // Last, so that every problem noted while resolving the fields above is included.
  const extras: [string, unknown][] = [];
  if (tools !== undefined) extras.push(['tools', tools.value]);
  if (experiment !== undefined) extras.push(['experiment', experiment.value]);
  if (exception !== undefined) extras.push(['exception', exception.value]);
  const consumed = consumedKeys([input, output, traceInput, traceOutput, metadata, traceMetadata, tools, experiment]);
  const composed = composeMetadata(view, scope.metadataTail, {
    lifted: metadata,
    consumed,
    consumedEvents: consumedEvents([input, output]),
    extras,
    issues,
    truncated,
  });
  // Each attribute and event attribute was cut on its own; the metadata object keeps its structure.
  row.metadata = composed;
  return row;
}
