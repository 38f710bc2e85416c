import type { ClickHouseClient } from '@clickhouse/client';
import { selectRows, toTrace, traceAggregateSql, type TraceAggregateRow } from '../clickhouse/index.js';

/** The `trace` object GET /api/public/v2/scores puts on each score (Langfuse's `fields=trace`). */
export interface ScoreTrace {
  userId: string | null;
  tags: string[];
  environment: string;
  sessionId: string | null;
}

/**
 * The trace fields of the given traces, read in one query with the same aggregation as the trace
 * API. Traces with no observation in the project are absent from the map.
 */
export async function scoreTraces(
  client: ClickHouseClient,
  projectId: string,
  traceIds: readonly string[],
): Promise<Map<string, ScoreTrace>> {
  const ids = [...new Set(traceIds.filter(Boolean))];
  if (ids.length === 0) return new Map();
  const rows = await selectRows<TraceAggregateRow>(
    client,
    traceAggregateSql({ where: ['trace_id IN {traceIds: Array(String)}'] }),
    { projectId, traceIds: ids },
  );
  return new Map(
    rows.map((row) => {
      const { id, userId, tags, environment, sessionId } = toTrace(row);
      return [id, { userId, tags, environment, sessionId }];
    }),
  );
}
