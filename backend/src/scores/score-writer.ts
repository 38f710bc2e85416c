import type { ClickHouseClient } from '@clickhouse/client';
import { selectRows, toDateTime64 } from '../clickhouse/index.js';
import type { ScoreRecord } from './schemas.js';

/** One row of the ClickHouse `scores` table (clickhouse/0002_scores.sql) as JSONEachRow. */
export interface ScoreRow {
  project_id: string;
  id: string;
  timestamp: string;
  trace_id: string;
  observation_id: string;
  session_id: string;
  dataset_run_id: string;
  name: string;
  value: number;
  string_value: string;
  data_type: string;
  source: string;
  comment: string;
  metadata: string;
  author_user_id: string;
  config_id: string;
  queue_id: string;
  environment: string;
  created_at: string;
  event_ts: string;
  is_deleted: 0 | 1;
}

/** The worker's and the API's view of the `scores` table. */
export interface ScoreWriter {
  insert(rows: readonly ScoreRow[]): Promise<void>;
}

export function createScoreWriter(client: ClickHouseClient): ScoreWriter {
  return {
    async insert(rows) {
      if (rows.length === 0) return;
      await client.insert({ table: 'scores', values: rows as ScoreRow[], format: 'JSONEachRow' });
    },
  };
}

/**
 * The row of one accepted score. A score id is an upsert key: the version with the highest
 * event_ts wins, so event_ts is the acceptance time (stable when a batch is redelivered).
 */
export function scoreRow(
  projectId: string,
  score: ScoreRecord,
  times: { timestamp: string; acceptedAt: Date },
): ScoreRow {
  const accepted = toDateTime64(times.acceptedAt.toISOString());
  return {
    project_id: projectId,
    id: score.id,
    timestamp: toDateTime64(times.timestamp),
    trace_id: score.traceId,
    observation_id: score.observationId,
    session_id: score.sessionId,
    dataset_run_id: score.datasetRunId,
    name: score.name,
    value: score.value,
    string_value: score.stringValue,
    data_type: score.dataType,
    source: score.source,
    comment: score.comment,
    metadata: score.metadata,
    author_user_id: '',
    config_id: score.configId,
    queue_id: score.queueId,
    environment: score.environment,
    created_at: accepted,
    event_ts: accepted,
    is_deleted: 0,
  };
}

/**
 * Deletes a score by writing a newer version of its latest row flagged is_deleted (same sorting key,
 * so merges collapse them). Returns false when the project has no live score with this id.
 */
export async function deleteScore(client: ClickHouseClient, projectId: string, id: string): Promise<boolean> {
  const [row] = await selectRows<ScoreRow>(
    client,
    `SELECT * FROM scores WHERE project_id = {projectId: String} AND id = {id: String}
     ORDER BY event_ts DESC LIMIT 1`,
    { projectId, id },
  );
  if (!row || Number(row.is_deleted) === 1) return false;
  const now = toDateTime64(new Date().toISOString());
  // A later version must sort after the newest one even within the same millisecond.
  const eventTs = now > row.event_ts ? now : bumpMicro(row.event_ts);
  await createScoreWriter(client).insert([{ ...row, event_ts: eventTs, is_deleted: 1 }]);
  return true;
}

/** `YYYY-MM-DD hh:mm:ss.ffffff` plus one microsecond. */
function bumpMicro(value: string): string {
  const ms = Date.parse(`${value.slice(0, 23).replace(' ', 'T')}Z`);
  const micros = Number(value.slice(23, 26)) + 1;
  const carry = micros >= 1000 ? 1 : 0;
  const base = new Date(ms + carry).toISOString().replace('T', ' ').slice(0, 23);
  return `${base}${String(micros % 1000).padStart(3, '0')}`;
}
