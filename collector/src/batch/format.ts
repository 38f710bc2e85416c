import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

/**
 * The batch format: the only thing the collector and the backend share.
 *
 * One accepted export request becomes one batch object: a header line (JSON) followed by the rows
 * as JSONEachRow, so the worker can hand the row bytes to ClickHouse without parsing them.
 * The object is stored as is, or gzip level 1 when configured (level 6 would cost half the
 * pipeline's CPU; see docs/architecture.md).
 */
export const BATCH_FORMAT_VERSION = 1;

const headerFields = {
  v: z.literal(BATCH_FORMAT_VERSION),
  projectId: z.string().min(1),
  /** Unix milliseconds at which the collector accepted the request. */
  receivedAt: z.number().int(),
  rowCount: z.number().int().nonnegative(),
};

/**
 * What the rows are: `observations` rows are ObservationRows inserted as is; `ingestion-events`
 * rows are legacy ingestion events (`POST /api/public/ingestion`), validated by the API that
 * accepted them, one event JSON per line, which the worker merges before writing; `log-events` rows
 * are SpanLogEventRows and `metric-points` rows MetricPointRows (signal-rows.ts), inserted as is.
 */
export const BATCH_KINDS = ['observations', 'ingestion-events', 'log-events', 'metric-points'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

export const batchHeader = z.discriminatedUnion('kind', [
  z.object({ ...headerFields, kind: z.literal('observations') }),
  z.object({ ...headerFields, kind: z.literal('ingestion-events') }),
  z.object({ ...headerFields, kind: z.literal('log-events') }),
  z.object({ ...headerFields, kind: z.literal('metric-points') }),
]);
export type BatchHeader = z.infer<typeof batchHeader>;

export type BatchCodec = 'none' | 'gzip';

export interface DecodedBatch {
  header: BatchHeader;
  /** The rows as JSONEachRow bytes (one JSON object per line, each ending in '\n'). */
  rows: Buffer;
}

export function encodeBatch(header: BatchHeader, rows: readonly object[], codec: BatchCodec): Buffer {
  let text = JSON.stringify(header) + '\n';
  for (const row of rows) text += JSON.stringify(row) + '\n';
  const raw = Buffer.from(text, 'utf8');
  return codec === 'gzip' ? gzipSync(raw, { level: 1 }) : raw;
}

export class BatchFormatError extends Error {
  override readonly name = 'BatchFormatError';
}

export function decodeBatch(body: Buffer): DecodedBatch {
  // gzip magic bytes tell the codec, so a reader never needs the writer's configuration.
  const raw = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
  const newline = raw.indexOf(0x0a);
  if (newline < 0) throw new BatchFormatError('batch has no header line');
  let header: BatchHeader;
  try {
    header = batchHeader.parse(JSON.parse(raw.subarray(0, newline).toString('utf8')));
  } catch (err) {
    throw new BatchFormatError(`invalid batch header: ${(err as Error).message}`);
  }
  return { header, rows: raw.subarray(newline + 1) };
}

/** Splits JSONEachRow bytes into parsed rows; used only when rows must be filtered (redelivery). */
export function parseRows<T = Record<string, unknown>>(rows: Buffer): T[] {
  const text = rows.toString('utf8');
  const out: T[] = [];
  for (const line of text.split('\n')) if (line) out.push(JSON.parse(line) as T);
  return out;
}
