import type { ClickHouseClient } from '@clickhouse/client';
import type { ObservationView, Page } from './domain.js';
import { IO_COLUMNS, VIEW_COLUMNS, toObservationView, type IoRow, type ViewRow } from './observation-view.js';
import { attachLogEvents } from './span-log-events.js';
import { latest, pageMetaOf, selectRows, toDateTime64, type Params, type Reach } from './rows.js';
import { tracesWith } from './trace-aggregate.js';

/** Filters shared by the v1 and v2 observation lists. Timestamps are ISO; `to` is exclusive. */
export interface ObservationFilter {
  traceId?: string;
  name?: string;
  type?: string;
  level?: string;
  userId?: string;
  sessionId?: string;
  /** '' selects observations without a parent. */
  parentObservationId?: string;
  isRootObservation?: boolean;
  environment?: readonly string[];
  version?: string;
  fromStartTime?: string;
  toStartTime?: string;
}

/**
 * Excludes the rows that hold a legacy trace's own fields (type 'TRACE', written by the ingestion
 * worker for trace-create events): they feed trace aggregates, but Langfuse lists only real observations.
 */
export const REAL_OBSERVATION = "type != 'TRACE'";

/** Columns the `outer` conditions test, selected by every filtered read. */
export const FILTER_COLUMNS = ['name', 'type', 'level', 'parent_observation_id', 'is_root', 'environment', 'version'] as const;

/**
 * SQL conditions of a filter: `inner` ones test immutable columns and narrow the scan before versions
 * are collapsed; `outer` ones test the newest version of each row.
 */
export function observationConditions(projectId: string, f: ObservationFilter): { inner: string[]; outer: string[]; params: Params } {
  const outer: string[] = [];
  const inner: string[] = [REAL_OBSERVATION];
  const params: Params = { projectId };
  const add = (list: string[], condition: string, name: string, value: unknown): void => {
    list.push(condition);
    params[name] = value;
  };
  // A trace attribute may sit on any of the trace's rows, so these filters select whole traces.
  if (f.traceId !== undefined) add(inner, 'trace_id = {traceId: String}', 'traceId', f.traceId);
  if (f.fromStartTime) add(inner, 'start_time >= {fromStartTime: DateTime64(6)}', 'fromStartTime', toDateTime64(f.fromStartTime));
  if (f.toStartTime) add(inner, 'start_time < {toStartTime: DateTime64(6)}', 'toStartTime', toDateTime64(f.toStartTime));
  if (f.userId !== undefined) add(inner, tracesWith('user_id', 'userId'), 'userId', f.userId);
  if (f.sessionId !== undefined) add(inner, tracesWith('session_id', 'sessionId'), 'sessionId', f.sessionId);
  if (f.name !== undefined) add(outer, 'name = {name: String}', 'name', f.name);
  if (f.type !== undefined) add(outer, 'type = {type: String}', 'type', f.type);
  if (f.level !== undefined) add(outer, 'level = {level: String}', 'level', f.level);
  if (f.parentObservationId !== undefined) {
    add(outer, 'parent_observation_id = {parentObservationId: String}', 'parentObservationId', f.parentObservationId);
  }
  if (f.version !== undefined) add(outer, 'version = {version: String}', 'version', f.version);
  if (f.isRootObservation !== undefined) outer.push(f.isRootObservation ? 'is_root' : 'NOT is_root');
  if (f.environment?.length) add(outer, 'environment IN {environment: Array(String)}', 'environment', f.environment);
  return { inner, outer, params };
}

/** Filters that pick whole traces select few rows; the others may select most of the project. */
export const reachOf = (f: ObservationFilter): Reach =>
  f.traceId === undefined && f.userId === undefined && f.sessionId === undefined ? 'scan' : 'lookup';

/**
 * Narrows a newest-first read to rows starting no earlier than the `{windowRows}`-th newest raw row that
 * matches every condition, so the versions are collapsed over recent rows only. All versions of a row
 * share its start_time, so the window holds each of its rows whole; but a raw match may be a stale
 * version, so a caller whose windowed page comes back short re-reads without the window.
 */
export function newestWindow(inner: readonly string[], outer: readonly string[]): string {
  return `start_time >= (SELECT min(start_time) FROM (
    SELECT start_time FROM observations WHERE project_id = {projectId: String} AND ${[...inner, ...outer].join(' AND ')}
    ORDER BY start_time DESC LIMIT {windowRows: UInt32}))`;
}

export const whereClause = (conditions: readonly string[]): string =>
  conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;

/** One observation, newest version, with its input/output/metadata. */
export async function getObservation(client: ClickHouseClient, projectId: string, id: string): Promise<ObservationView | null> {
  const rows = await selectRows<ViewRow & IoRow>(
    client,
    `SELECT * FROM ${latest('observations', [...VIEW_COLUMNS, ...IO_COLUMNS], ['id = {id: String}', REAL_OBSERVATION])} LIMIT 1`,
    { projectId, id },
  );
  const row = rows[0];
  if (!row) return null;
  const view = toObservationView(row, row);
  await attachLogEvents(client, projectId, [view]);
  return view;
}

/** Every observation of a trace, in start order, with input/output/metadata (a single-trace read). */
export async function listTraceObservations(client: ClickHouseClient, projectId: string, traceId: string): Promise<ObservationView[]> {
  const rows = await selectRows<ViewRow & IoRow>(
    client,
    `SELECT * FROM ${latest('observations', [...VIEW_COLUMNS, ...IO_COLUMNS], ['trace_id = {traceId: String}', REAL_OBSERVATION])}
     ORDER BY start_time, id`,
    { projectId, traceId },
  );
  const views = rows.map((row) => toObservationView(row, row));
  await attachLogEvents(client, projectId, views);
  return views;
}

/**
 * v1 list: newest first, page-based. Versions are collapsed over the few key and filter columns only;
 * the page's full rows (input/output/metadata included) are then read by id.
 */
export async function listObservations(
  client: ClickHouseClient,
  projectId: string,
  filter: ObservationFilter,
  page: { page: number; limit: number },
): Promise<Page<ObservationView>> {
  const { inner, outer, params } = observationConditions(projectId, filter);
  const reach = reachOf(filter);
  const columns = [...new Set(['id', 'start_time', ...FILTER_COLUMNS])];
  const keys = latest('observations', columns, inner, reach);
  const paging = { ...params, limit: page.limit, offset: (page.page - 1) * page.limit };
  const pageSql = (source: string): string =>
    `SELECT id FROM ${source} ${whereClause(outer)} ORDER BY start_time DESC, id DESC LIMIT {limit: UInt32} OFFSET {offset: UInt32}`;
  const windowed = reach === 'scan';
  const [firstIds, counts] = await Promise.all([
    selectRows<{ id: string }>(
      client,
      pageSql(windowed ? latest('observations', columns, [...inner, newestWindow(inner, outer)], reach) : keys),
      { ...paging, windowRows: paging.offset + page.limit },
    ),
    selectRows<{ total: number }>(client, `SELECT count() AS total FROM ${keys} ${whereClause(outer)}`, params),
  ]);
  const total = counts[0]?.total ?? 0;
  const expected = Math.min(page.limit, Math.max(0, total - paging.offset));
  const pageIds = windowed && firstIds.length < expected ? await selectRows<{ id: string }>(client, pageSql(keys), paging) : firstIds;
  const rows = await readRows(client, projectId, pageIds.map((r) => r.id));
  return {
    data: pageIds.flatMap(({ id }) => {
      const row = rows.get(id);
      return row ? [toObservationView(row, row)] : [];
    }),
    meta: pageMetaOf(page.page, page.limit, total),
  };
}

async function readRows(client: ClickHouseClient, projectId: string, ids: string[]): Promise<Map<string, ViewRow & IoRow>> {
  if (ids.length === 0) return new Map();
  const rows = await selectRows<ViewRow & IoRow>(
    client,
    `SELECT * FROM ${latest('observations', [...VIEW_COLUMNS, ...IO_COLUMNS], ['id IN {ids: Array(String)}'])}`,
    { projectId, ids },
  );
  return new Map(rows.map((r) => [r.id, r]));
}
