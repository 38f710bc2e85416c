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
  emptyObservationFields,
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
export {
  BlobNotFoundError,
  BullmqQueue,
  LocalBlobStore,
  LocalQueue,
  S3BlobStore,
  batchKey,
  createS3Client,
  folderPrefix,
  bufferConfig,
  createBuffer,
  isSafeKey,
  s3BlobConfig,
} from './buffer/index.js';
export type { BufferConfig, BullmqQueueOptions, LocalQueueOptions, S3BlobConfig } from './buffer/index.js';
export type {
  BatchJob,
  BatchProcessor,
  BatchQueue,
  BlobStore,
  ConsumeOptions,
  Consumer,
  JobOutcome,
} from './buffer/index.js';
export { applyCosts, countTokens, priceUsage, selectTier, TIER_OPERATORS } from './cost/index.js';
export type { ModelPrices, PricedModel, PricedTier, TierCondition, TierOperator } from './cost/index.js';
export { mapTraceRequest } from './mapping/index.js';
export type { MapResult } from './mapping/index.js';
export { decodeTraceRequest } from './otlp/index.js';
export type { ExportTraceServiceRequest, OtlpEncoding } from './otlp/index.js';
export { createLogger } from './logger.js';
export type { Logger, LogLevel } from './logger.js';
export { CollectorError, grpcStatusOf, httpStatusOf } from './errors.js';
export type { CollectorErrorCode } from './errors.js';
export {
  OtlpReceiver,
  createDefaultOtlpReceiverConfig,
  createOtlpReceiver,
  otlpReceiverConfig,
} from './receiver/index.js';
export type { OtlpReceiverConfig, OtlpReceiverDeps } from './receiver/index.js';
