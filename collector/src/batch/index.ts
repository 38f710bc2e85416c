export {
  BATCH_FORMAT_VERSION,
  BATCH_KINDS,
  BatchFormatError,
  batchHeader,
  decodeBatch,
  encodeBatch,
  parseRows,
} from './format.js';
export type { BatchCodec, BatchHeader, BatchKind, DecodedBatch } from './format.js';
export {
  emptyObservationFields,
  LEVELS,
  OBSERVATION_TYPES,
  observationLevel,
  observationRow,
  observationType,
} from './observation-row.js';
export type { ObservationLevel, ObservationRow, ObservationType } from './observation-row.js';
export { metricPointRow, spanLogEventRow } from './signal-rows.js';
export type { MetricPointRow, SpanLogEventRow } from './signal-rows.js';
