import type { ClickHouseClient } from '@clickhouse/client';
import type { ObservationView } from './domain.js';
import { selectRows } from './rows.js';

interface LogEventRow {
  span_id: string;
  slot: 'input' | 'output';
  part: boolean | number;
  content: string;
}

/**
 * Fills the missing input/output of observations from the GenAI content events received as OTLP log
 * records for their span (span_log_events). Joining at read time makes the result independent of
 * whether a record arrived before or after its span. Records are taken in time order: parts (messages,
 * choices) form a list (a single choice stays unwrapped, as the span mapper does); a whole value is
 * used when there are no parts.
 */
export async function attachLogEvents(client: ClickHouseClient, projectId: string, observations: ObservationView[]): Promise<void> {
  const missing = observations.filter((o) => o.input === null || o.output === null);
  if (missing.length === 0) return;
  const rows = await selectRows<LogEventRow>(
    client,
    `SELECT span_id, slot, part, content FROM span_log_events
     WHERE project_id = {projectId: String} AND trace_id IN {traceIds: Array(String)} AND span_id IN {spanIds: Array(String)}
     ORDER BY time, seq, record_id
     LIMIT 1 BY trace_id, span_id, record_id`,
    { projectId, traceIds: [...new Set(missing.map((o) => o.traceId))], spanIds: missing.map((o) => o.id) },
  );
  if (rows.length === 0) return;
  const bySpan = new Map<string, LogEventRow[]>();
  for (const row of rows) bySpan.set(row.span_id, [...(bySpan.get(row.span_id) ?? []), row]);
  for (const o of missing) {
    const events = bySpan.get(o.id);
    if (!events) continue;
    if (o.input === null) o.input = assemble(events, 'input');
    if (o.output === null) o.output = assemble(events, 'output');
  }
}

function assemble(events: readonly LogEventRow[], slot: 'input' | 'output'): unknown {
  const ofSlot = events.filter((e) => e.slot === slot);
  const parts = ofSlot.filter((e) => Boolean(e.part)).map((e) => JSON.parse(e.content) as unknown);
  if (parts.length > 0) return slot === 'output' && parts.length === 1 ? parts[0] : parts;
  const whole = ofSlot[0];
  return whole ? (JSON.parse(whole.content) as unknown) : null;
}
