import type { ClickHouseClient } from '@clickhouse/client';
import type { ScoreV1 } from './domain.js';
import { latest, nullIfEmpty, parseJsonText, selectRows, toIso } from './rows.js';

const SCORE_COLUMNS = [
  'id',
  'trace_id',
  'observation_id',
  'name',
  'value',
  'string_value',
  'data_type',
  'source',
  'comment',
  'metadata',
  'author_user_id',
  'config_id',
  'queue_id',
  'environment',
  'timestamp',
  'created_at',
  'event_ts',
] as const;
type ScoreRow = Record<(typeof SCORE_COLUMNS)[number], string> & { value: number };

/** The scores of one trace (its observations' included), oldest first. */
export async function listTraceScores(client: ClickHouseClient, projectId: string, traceId: string): Promise<ScoreV1[]> {
  const rows = await selectRows<ScoreRow>(
    client,
    `SELECT * FROM ${latest('scores', SCORE_COLUMNS, ['trace_id = {traceId: String}'])} ORDER BY timestamp, id`,
    { projectId, traceId },
  );
  return rows.map(toScoreV1);
}

/** Score ids per trace id, for trace lists. */
export async function scoreIdsByTrace(
  client: ClickHouseClient,
  projectId: string,
  traceIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (traceIds.length === 0) return new Map();
  const rows = await selectRows<{ trace_id: string; ids: string[] }>(
    client,
    `SELECT trace_id, arrayMap(x -> x.2, arraySort(groupArray((timestamp, id)))) AS ids
     FROM ${latest('scores', ['id', 'trace_id', 'timestamp'], ['trace_id IN {traceIds: Array(String)}'])}
     GROUP BY trace_id`,
    { projectId, traceIds },
  );
  return new Map(rows.map((r) => [r.trace_id, r.ids]));
}

function toScoreV1(row: ScoreRow): ScoreV1 {
  return {
    id: row.id,
    traceId: row.trace_id,
    name: row.name,
    value: row.value,
    stringValue: nullIfEmpty(row.string_value),
    source: row.source,
    dataType: row.data_type,
    comment: nullIfEmpty(row.comment),
    observationId: nullIfEmpty(row.observation_id),
    timestamp: toIso(row.timestamp),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.event_ts),
    authorUserId: nullIfEmpty(row.author_user_id),
    configId: nullIfEmpty(row.config_id),
    queueId: nullIfEmpty(row.queue_id),
    environment: row.environment,
    metadata: parseJsonText(row.metadata),
  };
}
