export { clickHouseConfig, openClickHouse } from './client.js';
export type { ClickHouseConfig } from './client.js';
export { migrateClickHouse } from './migrate.js';
export { createObservationWriter } from './observation-writer.js';
export type { ObservationWriter, SignalTable } from './observation-writer.js';
export { getObservation, listObservations, listTraceObservations } from './observations.js';
export type { ObservationFilter } from './observations.js';
export { FIELD_GROUPS, decodeCursor, listObservationsV2 } from './observations-v2.js';
export type { Cursor, FieldGroup } from './observations-v2.js';
export { TRACE_ORDER_FIELDS, getTrace, listTraces } from './traces.js';
export type { TraceFilter, TraceOrderField } from './traces.js';
export { getSession, listSessions } from './sessions.js';
export type { SessionFilter } from './sessions.js';
export { listTraceScores, scoreIdsByTrace } from './scores.js';
export {
  observationView,
  pageMeta,
  scoreV1,
  session,
  sessionWithTraces,
  trace,
  traceWithDetails,
  traceWithFullDetails,
} from './domain.js';
export type {
  ObservationV2,
  ObservationView,
  Page,
  PageMeta,
  ScoreV1,
  Session,
  SessionWithTraces,
  Trace,
  TraceWithDetails,
  TraceWithFullDetails,
} from './domain.js';
export { toTrace, traceAggregateSql } from './trace-aggregate.js';
export type { TraceAggregateRow } from './trace-aggregate.js';
export { latest, nullIfEmpty, pageMetaOf, parseJsonText, selectRows, toDateTime64, toIso } from './rows.js';
export type { Params } from './rows.js';
