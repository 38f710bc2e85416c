/** Maps test requests and checks every row against the batch row schema. */
import { expect } from 'vitest';
import { observationRow } from '../../batch/index.js';
import type { ObservationRow } from '../../batch/index.js';
import type { ExportTraceServiceRequest } from '../../otlp/types.js';
import { mapTraceRequest } from '../index.js';
import { request, span } from './build.js';

export const context = { projectId: 'proj-1', receivedAt: 1750000005123 };

export function map(req: ExportTraceServiceRequest) {
  const result = mapTraceRequest(req, context);
  for (const row of result.rows) observationRow.parse(row);
  return result;
}

export function mapOne(attrs: Record<string, unknown>, extra: Parameters<typeof span>[0] = {}, options = {}): ObservationRow {
  const { rows } = map(request([span({ attrs, ...extra })], options));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

export function metadataOf(row: ObservationRow): Record<string, any> {
  return JSON.parse(row.metadata);
}
