import type { ClickHouseClient } from '@clickhouse/client';
import { latest, nullIfEmpty, selectRows } from '../clickhouse/rows.js';

/** The `trace` object GET /api/public/v2/scores puts on each score (Langfuse's `fields=trace`). */
export interface ScoreTrace {
  userId: string | null;
  tags: string[];
  environment: string;
  sessionId: string | null;
}

const ROOT = "(is_root OR parent_observation_id = '')";
const preferRoot = (column: string): string => `argMaxIf(${column}, (is_root, ${ROOT}), ${column} != '')`;
const COLUMNS = ['id', 'trace_id', 'parent_observation_id', 'is_root', 'user_id', 'session_id', 'tags', 'environment'];

/**
 * The four trace fields (same definitions as traceAggregateSql in clickhouse/trace-aggregate.ts,
 * which clickhouse/index.ts does not export) of the given traces, read in one query. Traces with
 * no observation in the project are absent from the map.
 */
export async function scoreTraces(
  client: ClickHouseClient,
  projectId: string,
  traceIds: readonly string[],
): Promise<Map<string, ScoreTrace>> {
  const ids = [...new Set(traceIds.filter(Boolean))];
  if (ids.length === 0) return new Map();
  const rows = await selectRows<{ traceId: string; userId: string; sessionId: string; tags: string[]; environment: string }>(
    client,
    `SELECT trace_id AS traceId, ${preferRoot('user_id')} AS userId, ${preferRoot('session_id')} AS sessionId,
       arraySort(groupUniqArrayArray(tags)) AS tags, argMax(environment, ${ROOT}) AS environment
     FROM ${latest('observations', COLUMNS, ['trace_id IN {traceIds: Array(String)}'])} GROUP BY trace_id`,
    { projectId, traceIds: ids },
  );
  return new Map(
    rows.map((r) => [
      r.traceId,
      { userId: nullIfEmpty(r.userId), tags: r.tags, environment: r.environment, sessionId: nullIfEmpty(r.sessionId) },
    ]),
  );
}
