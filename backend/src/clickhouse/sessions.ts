import type { ClickHouseClient } from '@clickhouse/client';
import type { Page, Session, SessionWithTraces } from './domain.js';
import { latest, pageMetaOf, pageWithTotal, selectRows, toDateTime64, toIso, type Params } from './rows.js';
import {
  ENVIRONMENT,
  SESSION_COLUMNS,
  SESSION_ID,
  toTrace,
  traceAggregateSql,
  tracesWith,
  type TraceAggregateRow,
} from './trace-aggregate.js';

/** Session list filters over the session's first trace: timestamps ISO, `to` exclusive. */
export interface SessionFilter {
  fromTimestamp?: string;
  toTimestamp?: string;
  environment?: readonly string[];
}

interface SessionRow {
  sessionId: string;
  createdAt: string;
  sessionEnvironment: string;
}

/**
 * A session is the set of traces sharing a session id; it starts with its first trace. Only the trace
 * fields a session needs are aggregated (as the trace aggregate defines them), over their columns only,
 * for every trace: pre-selecting the traces with a session costs more than it saves.
 */
const SESSIONS = `SELECT sessionId, min(timestamp) AS createdAt, argMin(traceEnvironment, timestamp) AS sessionEnvironment
  FROM (
    SELECT trace_id, min(start_time) AS timestamp, ${SESSION_ID} AS sessionId, ${ENVIRONMENT} AS traceEnvironment
    FROM ${latest('observations', SESSION_COLUMNS, [], 'scan')}
    GROUP BY trace_id
  )
  WHERE sessionId != '' GROUP BY sessionId`;

export async function listSessions(
  client: ClickHouseClient,
  projectId: string,
  filter: SessionFilter,
  page: { page: number; limit: number },
): Promise<Page<Session>> {
  const having: string[] = [];
  const params: Params = { projectId };
  const add = (condition: string, name: string, value: unknown): void => {
    having.push(condition);
    params[name] = value;
  };
  if (filter.fromTimestamp) add('createdAt >= {from: DateTime64(6)}', 'from', toDateTime64(filter.fromTimestamp));
  if (filter.toTimestamp) add('createdAt < {to: DateTime64(6)}', 'to', toDateTime64(filter.toTimestamp));
  if (filter.environment?.length) add('sessionEnvironment IN {environment: Array(String)}', 'environment', filter.environment);
  const sessions = `${SESSIONS} ${having.length ? `HAVING ${having.join(' AND ')}` : ''}`;
  const { rows, total } = await pageWithTotal<SessionRow>(client, sessions, 'createdAt DESC, sessionId DESC', {
    ...params,
    limit: page.limit,
    offset: (page.page - 1) * page.limit,
  });
  return {
    data: rows.map((row) => toSession(projectId, row)),
    meta: pageMetaOf(page.page, page.limit, total),
  };
}

/** A session with all its traces (oldest first, without input/output/metadata), or null if it has none. */
export async function getSession(client: ClickHouseClient, projectId: string, sessionId: string): Promise<SessionWithTraces | null> {
  const rows = await selectRows<TraceAggregateRow>(
    client,
    `${traceAggregateSql({ where: [tracesWith('session_id', 'sessionId')], having: ['sessionId = {sessionId: String}'] })}
     ORDER BY timestamp, traceId`,
    { projectId, sessionId },
  );
  const first = rows[0];
  if (!first) return null;
  return {
    ...toSession(projectId, { sessionId, createdAt: first.timestamp, sessionEnvironment: first.traceEnvironment }),
    traces: rows.map((row) => toTrace(row)),
  };
}

function toSession(projectId: string, row: SessionRow): Session {
  return { id: row.sessionId, createdAt: toIso(row.createdAt), projectId, environment: row.sessionEnvironment };
}
