export { parseBasicAuth } from './auth/basic.js';
export type { BasicCredentials } from './auth/basic.js';
export type { ApiKeyVerifier, AuthenticatedProject, AuthResult } from './auth/types.js';
export {
  BATCH_FORMAT_VERSION,
  BatchFormatError,
  LEVELS,
  OBSERVATION_TYPES,
  batchHeader,
  decodeBatch,
  encodeBatch,
  observationRow,
  parseRows,
} from './batch/index.js';
export type {
  BatchCodec,
  BatchHeader,
  DecodedBatch,
  ObservationLevel,
  ObservationRow,
  ObservationType,
} from './batch/index.js';
export { BlobNotFoundError } from './buffer/types.js';
export type {
  BatchJob,
  BatchProcessor,
  BatchQueue,
  BlobStore,
  ConsumeOptions,
  Consumer,
  JobOutcome,
} from './buffer/types.js';
export { createLogger } from './logger.js';
export type { Logger, LogLevel } from './logger.js';
