import { BatchFormatError, parseRows, type DecodedBatch, type ModelPrices } from '@spanlight/collector';
import { z } from 'zod';
import type { ObservationWriter } from '../clickhouse/index.js';
import { scoreRecord, scoreRow, type ScoreRow, type ScoreWriter } from '../scores/index.js';
import { OBSERVATION_EVENT_TYPES, mergeEntityEvents, type EntityEvent, type EntityStore } from './legacy/index.js';

const bufferedEvent = z.object({
  id: z.string(),
  timestamp: z.iso.datetime({ offset: true }),
  type: z.string(),
  body: z.record(z.string(), z.unknown()).default({}),
});

export interface IngestionEventWriters {
  /** Receives the merged trace and observation rows. */
  writer: ObservationWriter;
  scores: ScoreWriter;
  /** Traces and observations; without it, a batch holding them is refused (parked). */
  entities?: EntityStore;
  /** Model prices for generation costs; without them only the costs the events provide are stored. */
  prices?: ModelPrices;
}

/** A batch's events by destination. */
export interface EventBatch {
  projectId: string;
  receivedAt: number;
  scores: ScoreRow[];
  entities: EntityEvent[];
}

/**
 * Splits an `ingestion-events` batch (events validated by the API). Scores become rows of the
 * `scores` table, the last event per score id winning, their event_ts the batch's acceptance time
 * (a redelivered batch rewrites identical versions). Trace and observation events without a body id
 * are dropped, as Langfuse skips them. Throws BatchFormatError for lines this worker cannot handle.
 */
export function splitEvents(batch: DecodedBatch, options: { entities: boolean }): EventBatch {
  const { projectId, receivedAt } = batch.header;
  const acceptedAt = new Date(receivedAt);
  const scores = new Map<string, ScoreRow>();
  const entities: EntityEvent[] = [];
  let lines: unknown[];
  try {
    lines = parseRows(batch.rows);
  } catch {
    throw new BatchFormatError('an event line is not valid JSON');
  }
  lines.forEach((line, index) => {
    const event = bufferedEvent.safeParse(line);
    if (!event.success) throw new BatchFormatError(`event ${index} is not a valid ingestion event`);
    const { id: eventId, type, timestamp, body } = event.data;
    if (type === 'sdk-log') return;
    if (type === 'score-create') {
      const score = scoreRecord.safeParse(body);
      if (!score.success) throw new BatchFormatError(`event ${index} is not a valid score`);
      scores.delete(score.data.id);
      scores.set(score.data.id, scoreRow(projectId, score.data, { timestamp, acceptedAt }));
      return;
    }
    const kind = type === 'trace-create' ? 'trace' : OBSERVATION_EVENT_TYPES.has(type) ? 'observation' : undefined;
    if (!kind || !options.entities) throw new BatchFormatError(`event ${index} has the unsupported type ${type}`);
    if (typeof body.id !== 'string' || body.id === '') return;
    entities.push({ kind, entityId: body.id, eventId, timestamp, type, body });
  });
  return { projectId, receivedAt, scores: [...scores.values()], entities };
}

/**
 * Writes many `ingestion-events` batches with one round trip per step: the entity events are
 * appended and their histories read back together, then the rebuilt rows and the scores are
 * inserted side by side. Rewriting batches is idempotent (same rows, same versions).
 */
export async function writeEventBatches(batches: readonly EventBatch[], writers: IngestionEventWriters): Promise<void> {
  const groups = batches.map(({ projectId, receivedAt, entities }) => ({ projectId, receivedAt, events: entities }));
  const rows = writers.entities ? await mergeEntityEvents(writers.entities, groups, writers.prices) : [];
  await Promise.all([
    rows.length > 0 ? writers.writer.insert(Buffer.from(rows.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8')) : undefined,
    writers.scores.insert(batches.flatMap((b) => b.scores)),
  ]);
}
