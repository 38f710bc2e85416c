import type { ClickHouseClient } from '@clickhouse/client';
import { latest, selectRows, toDateTime64, type Params } from '../clickhouse/index.js';
import { SCORE_READ_COLUMNS, type StoredScore } from './views.js';

export const VALUE_OPERATORS = ['<', '>', '<=', '>=', '!=', '='] as const;

export interface ScoreFilter {
  ids?: string[];
  name?: string;
  fromTimestamp?: string;
  toTimestamp?: string;
  environment?: string[];
  source?: string;
  dataType?: string;
  /** Only scores of these data types. */
  dataTypes?: readonly string[];
  configId?: string;
  queueId?: string;
  authorUserId?: string;
  traceId?: string;
  sessionId?: string;
  datasetRunId?: string;
  observationIds?: string[];
  /** Scores of traces with this user (a trace's user is on its observations). */
  userId?: string;
  /** Scores of traces carrying all these tags. */
  traceTags?: string[];
  value?: { operator: (typeof VALUE_OPERATORS)[number]; value: number };
  valueMin?: number;
  valueMax?: number;
  stringValue?: string;
}

/** WHERE conditions over the latest score versions; every value is a bound parameter. */
function conditions(filter: ScoreFilter): { where: string[]; params: Params } {
  const where: string[] = [];
  const params: Params = {};
  const eq = (column: string, key: keyof ScoreFilter, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = {${key}: String}`);
    params[key] = value;
  };
  eq('name', 'name', filter.name);
  eq('source', 'source', filter.source);
  eq('data_type', 'dataType', filter.dataType);
  eq('config_id', 'configId', filter.configId);
  eq('queue_id', 'queueId', filter.queueId);
  eq('author_user_id', 'authorUserId', filter.authorUserId);
  eq('trace_id', 'traceId', filter.traceId);
  eq('session_id', 'sessionId', filter.sessionId);
  eq('dataset_run_id', 'datasetRunId', filter.datasetRunId);
  eq('string_value', 'stringValue', filter.stringValue);
  const among = (column: string, key: keyof ScoreFilter, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} IN {${key}: Array(String)}`);
    params[key] = values;
  };
  among('id', 'ids', filter.ids);
  among('environment', 'environment', filter.environment);
  among('observation_id', 'observationIds', filter.observationIds);
  among('data_type', 'dataTypes', filter.dataTypes);
  if (filter.fromTimestamp) {
    where.push('timestamp >= {fromTimestamp: DateTime64(6)}');
    params.fromTimestamp = toDateTime64(filter.fromTimestamp);
  }
  if (filter.toTimestamp) {
    where.push('timestamp < {toTimestamp: DateTime64(6)}');
    params.toTimestamp = toDateTime64(filter.toTimestamp);
  }
  if (filter.value) {
    // The operator comes from a fixed list, never from free text.
    where.push(`value ${filter.value.operator} {value: Float64}`);
    params.value = filter.value.value;
  }
  if (filter.valueMin !== undefined) {
    where.push('value >= {valueMin: Float64}');
    params.valueMin = filter.valueMin;
  }
  if (filter.valueMax !== undefined) {
    where.push('value <= {valueMax: Float64}');
    params.valueMax = filter.valueMax;
  }
  if (filter.userId !== undefined) {
    where.push(`trace_id IN (SELECT trace_id FROM observations
      WHERE project_id = {projectId: String} AND user_id = {userId: String})`);
    params.userId = filter.userId;
  }
  if (filter.traceTags?.length) {
    where.push(`trace_id IN (SELECT trace_id FROM observations WHERE project_id = {projectId: String}
      GROUP BY trace_id HAVING hasAll(groupUniqArrayArray(tags), {traceTags: Array(String)}))`);
    params.traceTags = filter.traceTags;
  }
  return { where, params };
}

const fromLatest = (where: string[]): string =>
  `FROM ${latest('scores', SCORE_READ_COLUMNS)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;

/** One page of the project's scores, newest first, with the total count. */
export async function listScores(
  client: ClickHouseClient,
  projectId: string,
  filter: ScoreFilter,
  page: { page: number; limit: number },
): Promise<{ rows: StoredScore[]; totalItems: number }> {
  const { where, params } = conditions(filter);
  const all = { ...params, projectId, limit: page.limit, offset: (page.page - 1) * page.limit };
  const [rows, [count]] = await Promise.all([
    selectRows<StoredScore>(
      client,
      `SELECT * ${fromLatest(where)} ORDER BY timestamp DESC, id DESC LIMIT {limit: UInt32} OFFSET {offset: UInt32}`,
      all,
    ),
    selectRows<{ n: number }>(client, `SELECT count() AS n ${fromLatest(where)}`, all),
  ]);
  return { rows, totalItems: Number(count?.n ?? 0) };
}

export async function getScore(client: ClickHouseClient, projectId: string, id: string): Promise<StoredScore | null> {
  const [row] = await selectRows<StoredScore>(client, `SELECT * ${fromLatest(['id = {id: String}'])}`, { projectId, id });
  return row ?? null;
}

/** Position after the last score of a page: scores are ordered by (timestamp, id) descending. */
export interface ScoreCursor {
  timestamp: string;
  id: string;
}

/** Up to `limit` scores after the cursor, and the cursor of the next page when there is one. */
export async function listScoresAfter(
  client: ClickHouseClient,
  projectId: string,
  filter: ScoreFilter,
  limit: number,
  cursor: ScoreCursor | undefined,
): Promise<{ rows: StoredScore[]; next: ScoreCursor | undefined }> {
  const { where, params } = conditions(filter);
  if (cursor) {
    where.push('(timestamp, id) < ({cursorTs: DateTime64(6)}, {cursorId: String})');
    Object.assign(params, { cursorTs: cursor.timestamp, cursorId: cursor.id });
  }
  const rows = await selectRows<StoredScore>(
    client,
    `SELECT * ${fromLatest(where)} ORDER BY timestamp DESC, id DESC LIMIT {limit: UInt32}`,
    { ...params, projectId, limit: limit + 1 },
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? { timestamp: last.timestamp, id: last.id } : undefined };
}
