import type { ClickHouseClient } from '@clickhouse/client';
import type { Page, TraceWithDetails, TraceWithFullDetails } from './domain.js';
import { listTraceObservations } from './observations.js';
import { latest, pageMetaOf, pageWithTotal, selectRows, toDateTime64, type Params } from './rows.js';
import { listTraceScores, scoreIdsByTrace } from './scores.js';
import { toTrace, traceAggregateSql, tracesWith, type TraceAggregateRow, type TraceIoRow } from './trace-aggregate.js';

export const TRACE_ORDER_FIELDS = ['id', 'timestamp', 'name', 'userId', 'sessionId', 'release', 'version', 'public'] as const;
export type TraceOrderField = (typeof TRACE_ORDER_FIELDS)[number];
const ORDER_COLUMN: Record<TraceOrderField, string> = {
  id: 'traceId',
  timestamp: 'timestamp',
  name: 'traceName',
  userId: 'userId',
  sessionId: 'sessionId',
  release: 'traceRelease',
  version: 'traceVersion',
  public: 'isPublic',
};

/** Trace list filters; timestamps are ISO, `to` exclusive; `tags` must all be present. */
export interface TraceFilter {
  userId?: string;
  sessionId?: string;
  name?: string;
  tags?: readonly string[];
  fromTimestamp?: string;
  toTimestamp?: string;
  version?: readonly string[];
  release?: readonly string[];
  environment?: readonly string[];
}

export function traceConditions(projectId: string, f: TraceFilter): { where: string[]; having: string[]; params: Params } {
  const where: string[] = [];
  const having: string[] = [];
  const params: Params = { projectId };
  const add = (list: string[], condition: string, name: string, value: unknown): void => {
    list.push(condition);
    params[name] = value;
  };
  if (f.userId !== undefined) add(where, tracesWith('user_id', 'userId'), 'userId', f.userId);
  if (f.sessionId !== undefined) add(where, tracesWith('session_id', 'sessionId'), 'sessionId', f.sessionId);
  if (f.userId !== undefined) having.push('userId = {userId: String}');
  if (f.sessionId !== undefined) having.push('sessionId = {sessionId: String}');
  if (f.name !== undefined) add(having, 'traceName = {name: String}', 'name', f.name);
  if (f.tags?.length) add(having, 'hasAll(traceTags, {tags: Array(String)})', 'tags', f.tags);
  if (f.fromTimestamp) add(having, 'timestamp >= {fromTimestamp: DateTime64(6)}', 'fromTimestamp', toDateTime64(f.fromTimestamp));
  if (f.toTimestamp) add(having, 'timestamp < {toTimestamp: DateTime64(6)}', 'toTimestamp', toDateTime64(f.toTimestamp));
  if (f.version?.length) add(having, 'traceVersion IN {version: Array(String)}', 'version', f.version);
  if (f.release?.length) add(having, 'traceRelease IN {release: Array(String)}', 'release', f.release);
  if (f.environment?.length) add(having, 'traceEnvironment IN {environment: Array(String)}', 'environment', f.environment);
  return { where, having, params };
}

export const htmlPath = (projectId: string, traceId: string): string => `/project/${projectId}/traces/${traceId}`;

/** Page of traces; input/output/metadata are not read for lists (always null). */
export async function listTraces(
  client: ClickHouseClient,
  projectId: string,
  filter: TraceFilter,
  options: { page: number; limit: number; orderBy: { field: TraceOrderField; direction: 'asc' | 'desc' } },
): Promise<Page<TraceWithDetails>> {
  const { where, having, params } = traceConditions(projectId, filter);
  const direction = options.orderBy.direction === 'asc' ? 'ASC' : 'DESC';
  const paging = { limit: options.limit, offset: (options.page - 1) * options.limit };
  const byTime = options.orderBy.field === 'timestamp' && isTimeOnly(filter);
  const reach = filter.userId === undefined && filter.sessionId === undefined ? 'scan' : 'lookup';
  const { rows, total } = byTime
    ? await pageByTimestamp(client, filter, direction, { ...params, ...paging })
    : await pageWithTotal<TraceAggregateRow>(
        client,
        traceAggregateSql({ where, having, reach }),
        `${ORDER_COLUMN[options.orderBy.field]} ${direction}, traceId ${direction}`,
        { ...params, ...paging },
      );
  const scores = await scoreIdsByTrace(client, projectId, rows.map((r) => r.traceId));
  return {
    data: rows.map((row) => ({
      ...toTrace(row),
      htmlPath: htmlPath(projectId, row.traceId),
      latency: row.latency,
      totalCost: row.totalCost,
      observations: row.observationIds,
      scores: scores.get(row.traceId) ?? [],
    })),
    meta: pageMetaOf(options.page, options.limit, total),
  };
}

/** Only the trace timestamp is filtered on: the page can be picked from (trace_id, min(start_time)) alone. */
function isTimeOnly(f: TraceFilter): boolean {
  const { fromTimestamp: _from, toTimestamp: _to, ...rest } = f;
  return Object.values(rest).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/**
 * The default list (newest first, at most a time window): picks and counts the page's traces over two
 * columns, then aggregates every trace field for the page's traces only. A trace's timestamp is the
 * minimum start_time, so `to` narrows the rows (a row before `to` keeps the minimum) and `from` is
 * tested on the minimum.
 */
async function pageByTimestamp(
  client: ClickHouseClient,
  filter: TraceFilter,
  direction: 'ASC' | 'DESC',
  params: Params,
): Promise<{ rows: TraceAggregateRow[]; total: number }> {
  const where = filter.toTimestamp ? ['start_time < {toTimestamp: DateTime64(6)}'] : [];
  const having = filter.fromTimestamp ? 'HAVING timestamp >= {fromTimestamp: DateTime64(6)}' : '';
  const keys = `SELECT trace_id, min(start_time) AS timestamp FROM ${latest('observations', ['trace_id', 'start_time'], where, 'scan')}
    GROUP BY trace_id ${having}`;
  const { rows: page, total } = await pageWithTotal<{ trace_id: string; timestamp: string }>(
    client,
    keys,
    `timestamp ${direction}, trace_id ${direction}`,
    params,
  );
  if (page.length === 0) return { rows: [], total };
  // Every row of a page trace starts at or after the earliest page timestamp: the sorting key narrows the read.
  const earliest = page.reduce((min, r) => (r.timestamp < min ? r.timestamp : min), page[0]!.timestamp);
  const rows = await selectRows<TraceAggregateRow>(
    client,
    `${traceAggregateSql({ where: ['trace_id IN {ids: Array(String)}', 'start_time >= {earliest: DateTime64(6)}'] })}
     ORDER BY timestamp ${direction}, traceId ${direction}`,
    { projectId: params.projectId, ids: page.map((r) => r.trace_id), earliest },
  );
  return { rows, total };
}

/** One trace with its observations and scores, or null when the project has no observation of it. */
export async function getTrace(client: ClickHouseClient, projectId: string, traceId: string): Promise<TraceWithFullDetails | null> {
  const params = { projectId, traceId };
  const [rows, observations, scores] = await Promise.all([
    selectRows<TraceAggregateRow & TraceIoRow>(
      client,
      traceAggregateSql({ where: ['trace_id = {traceId: String}'], withIo: true }),
      params,
    ),
    listTraceObservations(client, projectId, traceId),
    listTraceScores(client, projectId, traceId),
  ]);
  const row = rows[0];
  if (!row) return null;
  return {
    ...toTrace(row, row),
    htmlPath: htmlPath(projectId, traceId),
    latency: row.latency,
    totalCost: row.totalCost,
    observations,
    scores,
  };
}
