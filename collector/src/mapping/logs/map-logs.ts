import { createHash } from 'node:crypto';
import { emptyObservationFields, type ObservationLevel, type ObservationRow } from '../../batch/observation-row.js';
import type { SpanLogEventRow } from '../../batch/signal-rows.js';
import type { ExportLogsServiceRequest, LogRecord } from '../../otlp/types.js';
import { anyValueToJs, flattenAttributes, type Attributes } from '../attributes.js';
import { normalizeId } from '../ids.js';
import { millisToDateTime64, nanosToDateTime64 } from '../time.js';
import { jsonText, normalizeEnvironment } from '../values.js';
import { genAiContent, isGenAiContentEvent } from './genai-content.js';

export interface LogsMapContext {
  projectId: string;
  /** Unix milliseconds at which the request was accepted. */
  receivedAt: number;
}

export interface LogsMapResult {
  /** EVENT observations of records with trace context that are not GenAI content events. */
  observations: ObservationRow[];
  /** GenAI content events, attached to their span's observation at read time. */
  logEvents: SpanLogEventRow[];
  /** Records that were not stored (OTLP partial_success.rejected_log_records). */
  rejectedLogRecords: number;
  /** Why records were rejected, '' when none was. */
  errorMessage: string;
}

/** Maps an OTLP logs request: records are tied to traces by their trace context, or rejected without one. */
export function mapLogsRequest(request: ExportLogsServiceRequest, context: LogsMapContext): LogsMapResult {
  const observations: ObservationRow[] = [];
  const logEvents: SpanLogEventRow[] = [];
  const eventTs = millisToDateTime64(context.receivedAt);
  let rejected = 0;
  let seq = 0;
  for (const resourceLogs of request.resourceLogs ?? []) {
    const resource = flattenAttributes(resourceLogs.resource?.attributes);
    const environment = normalizeEnvironment(stringOf(resource['deployment.environment.name'] ?? resource['deployment.environment']));
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const record of scopeLogs.logRecords ?? []) {
        const index = seq++;
        const traceId = normalizeId(record.traceId, 32);
        if (traceId === undefined) {
          rejected++;
          continue;
        }
        const spanId = normalizeId(record.spanId, 16) ?? '';
        const attributes = flattenAttributes(record.attributes);
        const name = record.eventName || stringOf(attributes['event.name']) || '';
        const time = nanosToDateTime64(record.timeUnixNano) ?? nanosToDateTime64(record.observedTimeUnixNano) ?? eventTs;
        const id = recordId(record, index);
        const body = anyValueToJs(record.body);
        const contents = spanId !== '' && isGenAiContentEvent(name) ? genAiContent(name, body, attributes) : [];
        if (contents.length > 0) {
          contents.forEach((c, i) =>
            logEvents.push({
              project_id: context.projectId,
              trace_id: traceId,
              span_id: spanId,
              record_id: contents.length === 1 ? id : `${id}-${c.slot}`,
              time,
              seq: index,
              event_name: name,
              slot: c.slot,
              part: c.part,
              content: JSON.stringify(c.value ?? null),
              body: i === 0 ? JSON.stringify(body ?? null) : 'null',
              attributes: JSON.stringify(attributes),
            }),
          );
          continue;
        }
        observations.push(eventRow(context.projectId, { traceId, spanId, id, name, time, eventTs, environment }, record, body, attributes));
      }
    }
  }
  const errorMessage =
    rejected === 0 ? '' : `${rejected} log record(s) rejected: a record without a valid trace_id cannot be attached to a trace`;
  return { observations, logEvents, rejectedLogRecords: rejected, errorMessage };
}

interface EventPlace {
  traceId: string;
  spanId: string;
  id: string;
  name: string;
  time: string;
  eventTs: string;
  environment: string;
}

function eventRow(projectId: string, at: EventPlace, record: LogRecord, body: unknown, attributes: Attributes): ObservationRow {
  const severity = record.severityText ?? '';
  const metadata: Record<string, unknown> = { attributes };
  if (severity) metadata.severity = severity;
  return {
    ...emptyObservationFields(),
    project_id: projectId,
    trace_id: at.traceId,
    id: at.id,
    parent_observation_id: at.spanId,
    type: 'EVENT',
    name: at.name || severity || 'log',
    start_time: at.time,
    end_time: at.time,
    level: levelOf(record.severityNumber ?? 0),
    environment: at.environment,
    input: body === null ? '' : jsonText(body),
    metadata: JSON.stringify(metadata),
    event_ts: at.eventTs,
  };
}

/** OTLP severity ranges: 1-8 trace/debug, 9-12 info, 13-16 warn, 17+ error/fatal. */
function levelOf(severity: number): ObservationLevel {
  if (severity >= 17) return 'ERROR';
  if (severity >= 13) return 'WARNING';
  if (severity >= 1 && severity <= 8) return 'DEBUG';
  return 'DEFAULT';
}

/**
 * 16 hex digits from the whole record and its place in the request: a resent request maps to the same
 * ids, while records sharing a timestamp (SDKs stamp milliseconds) stay distinct.
 */
function recordId(record: LogRecord, index: number): string {
  return createHash('sha256').update(`${index}/${JSON.stringify(record)}`).digest('hex').slice(0, 16);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
