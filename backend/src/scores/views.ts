import { nullIfEmpty, parseJsonText, toIso } from '../clickhouse/index.js';
import type { ScoreRow } from './score-writer.js';

/** The columns score reads select (all but project_id and is_deleted). */
export const SCORE_READ_COLUMNS = [
  'id', 'timestamp', 'trace_id', 'observation_id', 'session_id', 'dataset_run_id', 'name', 'value', 'string_value',
  'data_type', 'source', 'comment', 'metadata', 'author_user_id', 'config_id', 'queue_id', 'environment',
  'created_at', 'event_ts',
] as const;
export type StoredScore = Omit<ScoreRow, 'project_id' | 'is_deleted'>;

/** Langfuse's Score (v2): discriminated by dataType; TEXT carries no numeric value. */
export function toScoreV2(row: StoredScore): Record<string, unknown> {
  const base = {
    id: row.id,
    traceId: nullIfEmpty(row.trace_id),
    sessionId: nullIfEmpty(row.session_id),
    observationId: nullIfEmpty(row.observation_id),
    datasetRunId: nullIfEmpty(row.dataset_run_id),
    name: row.name,
    source: row.source,
    timestamp: toIso(row.timestamp),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.event_ts),
    authorUserId: nullIfEmpty(row.author_user_id),
    comment: nullIfEmpty(row.comment),
    metadata: parseJsonText(row.metadata) ?? {},
    configId: nullIfEmpty(row.config_id),
    queueId: nullIfEmpty(row.queue_id),
    environment: row.environment,
    dataType: row.data_type,
  };
  if (row.data_type === 'TEXT') return { ...base, stringValue: row.string_value };
  if (row.data_type === 'NUMERIC') return { ...base, value: row.value };
  return { ...base, value: row.value, stringValue: row.string_value };
}

/** ScoreV3 field groups (`fields=`): `core` is always returned, the others only when asked for. */
export const SCORE_V3_FIELD_GROUPS = ['core', 'details', 'subject', 'annotation'] as const;
export type ScoreV3FieldGroup = (typeof SCORE_V3_FIELD_GROUPS)[number];

/** Langfuse's ScoreV3: `value` typed by dataType; details, subject and annotation as nested groups. */
export function toScoreV3(projectId: string, row: StoredScore, fields: readonly ScoreV3FieldGroup[] = ['core']): Record<string, unknown> {
  const score: Record<string, unknown> = {
    id: row.id,
    projectId,
    name: row.name,
    dataType: row.data_type,
    value: typedValue(row),
    source: row.source,
    timestamp: toIso(row.timestamp),
    environment: row.environment,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.event_ts),
  };
  if (fields.includes('details')) {
    score.details = {
      comment: nullIfEmpty(row.comment),
      configId: nullIfEmpty(row.config_id),
      metadata: parseJsonText(row.metadata) ?? {},
    };
  }
  if (fields.includes('subject')) score.subject = subjectOf(row);
  if (fields.includes('annotation')) {
    score.annotation = { authorUserId: nullIfEmpty(row.author_user_id), queueId: nullIfEmpty(row.queue_id) };
  }
  return score;
}

function typedValue(row: StoredScore): number | boolean | string {
  switch (row.data_type) {
    case 'NUMERIC':
      return row.value;
    case 'BOOLEAN':
      return row.value === 1;
    default:
      return row.string_value;
  }
}

/** The score's target, in Langfuse's precedence: experiment, observation, session, trace. */
function subjectOf(row: StoredScore): Record<string, string> | null {
  if (row.dataset_run_id) return { kind: 'experiment', id: row.dataset_run_id };
  if (row.observation_id) {
    return { kind: 'observation', id: row.observation_id, ...(row.trace_id ? { traceId: row.trace_id } : {}) };
  }
  if (row.session_id) return { kind: 'session', id: row.session_id };
  if (row.trace_id) return { kind: 'trace', id: row.trace_id };
  return null;
}
