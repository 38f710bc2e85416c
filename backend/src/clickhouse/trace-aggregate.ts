import type { Trace } from './domain.js';
import { latest, nullIfEmpty, parseJsonText, toIso, type Reach } from './rows.js';

/** A trace's root: flagged by the mapper, or an observation without a parent. */
const ROOT = "(is_root OR parent_observation_id = '')";
/** Prefer the flagged root's non-empty value of a trace attribute (a legacy trace's own row), then a parentless row's, else any row's. */
const preferRoot = (column: string): string => `argMaxIf(${column}, (is_root, ${ROOT}), ${column} != '')`;

/** Trace fields that session reads also compute on their own, over fewer columns. */
export const SESSION_ID = preferRoot('session_id');
export const ENVIRONMENT = `argMax(environment, ${ROOT})`;
export const SESSION_COLUMNS = ['trace_id', 'start_time', 'session_id', 'environment', 'is_root', 'parent_observation_id'];

/**
 * Trace-level fields computed over the newest version of each of a trace's observations. Aliases are
 * camelCase so they never shadow the row columns they are computed from.
 */
const TRACE_FIELDS = `
  trace_id AS traceId,
  min(start_time) AS timestamp,
  if(argMinIf(trace_name, start_time, trace_name != '') != '', argMinIf(trace_name, start_time, trace_name != ''),
     argMinIf(name, (NOT is_root, start_time), ${ROOT})) AS traceName,
  ${preferRoot('user_id')} AS userId,
  ${SESSION_ID} AS sessionId,
  ${preferRoot('release')} AS traceRelease,
  ${preferRoot('version')} AS traceVersion,
  arraySort(groupUniqArrayArray(tags)) AS traceTags,
  ${ENVIRONMENT} AS traceEnvironment,
  max(public) AS isPublic,
  dateDiff('millisecond', min(start_time), max(coalesce(end_time, start_time))) / 1000 AS latency,
  toFloat64(sum(total_cost)) AS totalCost,
  arrayMap(x -> x.2, arraySort(groupArrayIf((start_time, id), type != 'TRACE'))) AS observationIds`;

/** The trace's own input/output/metadata (root's first, else the latest), and its root observation's (the flagged root first). */
const TRACE_IO_FIELDS = `,
  argMaxIf(trace_input, (${ROOT}, start_time), trace_input != '') AS traceInput,
  argMaxIf(trace_output, (${ROOT}, start_time), trace_output != '') AS traceOutput,
  argMaxIf(trace_metadata, (${ROOT}, start_time), trace_metadata != '') AS traceMetadata,
  argMinIf(input, (NOT is_root, start_time), ${ROOT}) AS rootInput,
  argMinIf(output, (NOT is_root, start_time), ${ROOT}) AS rootOutput,
  argMinIf(metadata, (NOT is_root, start_time), ${ROOT}) AS rootMetadata`;

const ROW_COLUMNS = [
  'id', 'trace_id', 'type', 'parent_observation_id', 'is_root', 'name', 'trace_name', 'user_id', 'session_id', 'release',
  'version', 'tags', 'environment', 'public', 'start_time', 'end_time', 'total_cost',
];
const IO_COLUMNS = ['trace_input', 'trace_output', 'trace_metadata', 'input', 'output', 'metadata'];

export interface TraceAggregateRow {
  traceId: string;
  timestamp: string;
  traceName: string;
  userId: string;
  sessionId: string;
  traceRelease: string;
  traceVersion: string;
  traceTags: string[];
  traceEnvironment: string;
  isPublic: boolean;
  latency: number;
  totalCost: number;
  observationIds: string[];
}
export type TraceIoRow = Record<'traceInput' | 'traceOutput' | 'traceMetadata' | 'rootInput' | 'rootOutput' | 'rootMetadata', string>;

/**
 * `SELECT <trace fields> FROM <observations> GROUP BY trace_id`, one row per trace of the project.
 * `where` narrows the observation rows (immutable columns only); `having` tests the trace fields.
 */
export function traceAggregateSql(options: { where?: string[]; having?: string[]; withIo?: boolean; reach?: Reach } = {}): string {
  const columns = options.withIo ? [...ROW_COLUMNS, ...IO_COLUMNS] : ROW_COLUMNS;
  const having = options.having?.length ? `HAVING ${options.having.join(' AND ')}` : '';
  return `SELECT ${TRACE_FIELDS}${options.withIo ? TRACE_IO_FIELDS : ''}
    FROM ${latest('observations', columns, options.where, options.reach)} GROUP BY trace_id ${having}`;
}

/** Restricts observation rows to traces carrying `column = {param}` on any row. */
export const tracesWith = (column: 'user_id' | 'session_id', param: string): string =>
  `trace_id IN (SELECT trace_id FROM observations WHERE project_id = {projectId: String} AND ${column} = {${param}: String})`;

/** Trace fields of an aggregate row; input/output/metadata only when the IO fields were read. */
export function toTrace(row: TraceAggregateRow, io?: TraceIoRow): Trace {
  return {
    id: row.traceId,
    timestamp: toIso(row.timestamp),
    name: nullIfEmpty(row.traceName),
    input: io ? parseJsonText(io.traceInput || io.rootInput) : null,
    output: io ? parseJsonText(io.traceOutput || io.rootOutput) : null,
    sessionId: nullIfEmpty(row.sessionId),
    release: nullIfEmpty(row.traceRelease),
    version: nullIfEmpty(row.traceVersion),
    userId: nullIfEmpty(row.userId),
    metadata: io ? mergeMetadata(parseJsonText(io.rootMetadata), parseJsonText(io.traceMetadata)) : null,
    tags: row.traceTags,
    public: row.isPublic,
    environment: row.traceEnvironment,
  };
}

/** Trace metadata wins over the root observation's, key by key when both are objects. */
function mergeMetadata(root: unknown, trace: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(root) && isObject(trace)) return { ...root, ...trace };
  return trace ?? root;
}
