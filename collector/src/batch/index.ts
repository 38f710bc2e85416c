export {
  BATCH_FORMAT_VERSION,
  BatchFormatError,
  batchHeader,
  decodeBatch,
  encodeBatch,
  parseRows,
} from './format.js';
export type { BatchCodec, BatchHeader, DecodedBatch } from './format.js';
export {
  LEVELS,
  OBSERVATION_TYPES,
  observationLevel,
  observationRow,
  observationType,
} from './observation-row.js';
export type { ObservationLevel, ObservationRow, ObservationType } from './observation-row.js';
