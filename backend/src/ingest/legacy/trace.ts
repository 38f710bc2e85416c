import { emptyObservationFields, type ObservationRow } from '@spanlight/collector';
import { toDateTime64 } from '../../clickhouse/index.js';
import { Fields, jsonText, mergeOrder, str, versionOf, type EntityEvent } from './history.js';

/**
 * The observation type that marks a trace's own row. The table holds one row per observation with
 * the trace-level columns on it, so a legacy trace (trace-create) becomes a synthetic root row, as
 * Langfuse v4 turns traces into virtual root spans. Readers aggregate trace fields over it and leave
 * it out of observation lists (Langfuse lists only real observations).
 */
export const TRACE_ROW_TYPE = 'TRACE';

/** Row id of a trace's own row: Langfuse v4's `t-<traceId>`, which cannot collide with the trace's observations. */
export const traceRowId = (traceId: string): string => `t-${traceId}`;

/** An `observations` row; the trace's own row uses the TRACE_ROW_TYPE marker type. */
export type LegacyRow = Omit<ObservationRow, 'type'> & { type: ObservationRow['type'] | typeof TRACE_ROW_TYPE };

/**
 * The trace merged from all of its trace-create events (§5.4): later envelope timestamps win field
 * by field, id/timestamp/environment keep their first value, metadata deep-merges, tags are the
 * union, input/output keep the last non-empty value, and `public` is the last event's (false when
 * omitted, as in Langfuse).
 */
export function mergeTrace(projectId: string, traceId: string, history: readonly EntityEvent[]): LegacyRow {
  const events = mergeOrder(history);
  const f = new Fields(events);
  const tags = new Set<string>();
  for (const e of events) if (Array.isArray(e.body.tags)) for (const t of e.body.tags) if (typeof t === 'string') tags.add(t);
  const name = str(f.last('name'));
  return {
    ...emptyObservationFields(),
    project_id: projectId,
    trace_id: traceId,
    id: traceRowId(traceId),
    type: TRACE_ROW_TYPE,
    name,
    start_time: toDateTime64(str(f.first('timestamp')) || f.earliestTimestamp()),
    version: str(f.last('version')),
    release: str(f.last('release')),
    environment: str(f.first('environment')) || 'default',
    is_root: true,
    trace_name: name,
    user_id: str(f.last('userId')),
    session_id: str(f.last('sessionId')),
    tags: [...tags].sort(),
    public: events.at(-1)!.body.public === true,
    trace_input: jsonText(f.lastNonEmpty('input')),
    trace_output: jsonText(f.lastNonEmpty('output')),
    trace_metadata: jsonText(f.metadata()),
    event_ts: versionOf(events),
  };
}
