import { createHash } from 'node:crypto';
import { emptyObservationFields, type ObservationRow, type ObservationType } from '@spanlight/collector';
import { toDateTime64 } from '../../clickhouse/index.js';
import { Fields, jsonText, mergeOrder, str, time, versionOf, type EntityEvent } from './history.js';
import { finalCost, finalUsage, providedCost, providedUsage } from './usage.js';

/** Observation type of each event type; legacy observation-* events carry it in the body. */
const TYPE_OF_EVENT: Record<string, ObservationType> = {
  'span-create': 'SPAN',
  'span-update': 'SPAN',
  'generation-create': 'GENERATION',
  'generation-update': 'GENERATION',
  'event-create': 'EVENT',
  'agent-create': 'AGENT',
  'tool-create': 'TOOL',
  'chain-create': 'CHAIN',
  'retriever-create': 'RETRIEVER',
  'evaluator-create': 'EVALUATOR',
  'embedding-create': 'EMBEDDING',
  'guardrail-create': 'GUARDRAIL',
};
export const OBSERVATION_EVENT_TYPES = new Set([...Object.keys(TYPE_OF_EVENT), 'observation-create', 'observation-update']);

const LEVELS = new Set(['DEBUG', 'DEFAULT', 'WARNING', 'ERROR']);

function typeOf(event: EntityEvent): ObservationType {
  return TYPE_OF_EVENT[event.type] ?? (event.body.type as ObservationType);
}

/**
 * An observation without a traceId: Langfuse gives it a random trace id; a rebuild must be
 * deterministic, so it is derived from the observation id instead.
 */
function traceIdFor(projectId: string, id: string): string {
  const h = createHash('sha256').update(`${projectId}\n${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The observation row merged from all of its events (§5.4): later envelope timestamps win field by
 * field; id, trace id, start time and environment keep their first value; metadata deep-merges;
 * input/output keep the last non-empty value. Trace-level columns stay empty: the trace's own row
 * carries them (see trace.ts) and readers aggregate over the trace's rows.
 */
export function mergeObservation(projectId: string, id: string, history: readonly EntityEvent[]): ObservationRow {
  const events = mergeOrder(history);
  const f = new Fields(events);
  const type = typeOf(events.at(-1)!);
  const level = str(f.last('level'));
  const promptVersion = f.last('promptVersion');
  const modelParameters = f.lastOf((b) =>
    typeof b.modelParameters === 'object' && b.modelParameters !== null && Object.keys(b.modelParameters).length > 0
      ? b.modelParameters
      : undefined,
  );
  return {
    ...emptyObservationFields(),
    project_id: projectId,
    trace_id: str(f.first('traceId')) || traceIdFor(projectId, id),
    id,
    parent_observation_id: str(f.lastSet('parentObservationId')),
    type,
    name: str(f.last('name')),
    start_time: toDateTime64(str(f.first('startTime')) || f.earliestTimestamp()),
    end_time: time(f.last('endTime')),
    completion_start_time: time(f.last('completionStartTime')),
    level: LEVELS.has(level) ? (level as ObservationRow['level']) : 'DEFAULT',
    status_message: str(f.lastSet('statusMessage')),
    version: str(f.lastSet('version')),
    environment: str(f.first('environment')) || 'default',
    model: str(f.last('model')),
    model_parameters: jsonText(modelParameters),
    usage_details: finalUsage(f.lastOf(providedUsage)),
    cost_details: finalCost(f.lastOf(providedCost)),
    prompt_name: str(f.last('promptName')),
    prompt_version: typeof promptVersion === 'number' ? promptVersion : null,
    input: jsonText(f.lastNonEmpty('input')),
    output: jsonText(f.lastNonEmpty('output')),
    metadata: jsonText(f.metadata()),
    event_ts: versionOf(events),
  };
}
