import { z } from 'zod';

/** CORRECTION (a corrected output of a trace or observation) is a score type but never a config's. */
export const SCORE_DATA_TYPES = ['NUMERIC', 'BOOLEAN', 'CATEGORICAL', 'TEXT', 'CORRECTION'] as const;
export const scoreDataType = z.enum(SCORE_DATA_TYPES);
export type ScoreDataType = z.infer<typeof scoreDataType>;

export const CONFIG_DATA_TYPES = ['NUMERIC', 'BOOLEAN', 'CATEGORICAL', 'TEXT'] as const;
export const configDataType = z.enum(CONFIG_DATA_TYPES);
export type ConfigDataType = z.infer<typeof configDataType>;

export const SCORE_SOURCES = ['API', 'EVAL', 'ANNOTATION'] as const;
export const scoreSource = z.enum(SCORE_SOURCES);

/**
 * Langfuse's public environment name: lower-cased, one leading `langfuse[-_]` stripped, cut to 40
 * characters, and `default` when what is left is not `[a-z0-9-_]+`. It never fails.
 */
export function normalizeEnvironment(value: string | null | undefined): string {
  if (!value) return 'default';
  const name = value.toLowerCase().replace(/^langfuse[-_]?/, '').slice(0, 40);
  return /^[a-z0-9_-]+$/.test(name) ? name : 'default';
}

const optionalText = z.string().nullish();

/**
 * A score as clients send it: the body of a `score-create` event and of `POST /api/public/scores`.
 * Value and data type are checked together (and against a config) by inflateScore.
 */
export const scoreBody = z
  .object({
    id: z.string().min(1).max(800).nullish(),
    name: z.string().min(1),
    value: z.union([z.number(), z.string()]),
    dataType: scoreDataType.nullish(),
    traceId: optionalText,
    observationId: optionalText,
    sessionId: optionalText,
    datasetRunId: optionalText,
    environment: optionalText,
    comment: optionalText,
    metadata: z.unknown().optional(),
    source: scoreSource.nullish(),
    queueId: optionalText,
    configId: optionalText,
    executionTraceId: optionalText,
  })
  .refine((b) => [b.traceId, b.sessionId, b.datasetRunId].filter(Boolean).length === 1, {
    message: 'Exactly one of traceId, sessionId or datasetRunId must be set',
  })
  .refine((b) => !b.observationId || b.traceId, { message: 'observationId requires traceId' });
export type ScoreBody = z.infer<typeof scoreBody>;

/** A score after validation and inflation: what the worker writes, one per `score-create` line. */
export const scoreRecord = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  dataType: scoreDataType,
  value: z.number(),
  stringValue: z.string(),
  traceId: z.string(),
  observationId: z.string(),
  sessionId: z.string(),
  datasetRunId: z.string(),
  environment: z.string(),
  comment: z.string(),
  /** JSON text, '' when absent. */
  metadata: z.string(),
  source: scoreSource,
  queueId: z.string(),
  configId: z.string(),
});
export type ScoreRecord = z.infer<typeof scoreRecord>;

const CONFIG_NAME = /^[A-Za-z0-9_ .()-]+$/;
const configCategory = z.object({ label: z.string().min(1), value: z.number() });
export type ConfigCategory = z.infer<typeof configCategory>;

export const createScoreConfigBody = z.object({
  name: z.string().min(1).max(35).regex(CONFIG_NAME, 'Only letters, numbers, underscores, spaces, periods, parentheses and hyphens are allowed'),
  dataType: configDataType,
  categories: z.array(configCategory).nullish(),
  minValue: z.number().nullish(),
  maxValue: z.number().nullish(),
  description: z.string().nullish(),
});
export type CreateScoreConfigBody = z.infer<typeof createScoreConfigBody>;

export const updateScoreConfigBody = createScoreConfigBody
  .omit({ dataType: true })
  .partial()
  .extend({ isArchived: z.boolean().optional() });
export type UpdateScoreConfigBody = z.infer<typeof updateScoreConfigBody>;

export interface ScoreConfig {
  id: string;
  projectId: string;
  name: string;
  dataType: ConfigDataType;
  isArchived: boolean;
  minValue: number | null;
  maxValue: number | null;
  categories: ConfigCategory[] | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}
