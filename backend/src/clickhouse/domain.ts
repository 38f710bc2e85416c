import { z } from 'zod';

/**
 * Langfuse's public read shapes (fern `commons.yml`, `observations.yml`, `sessions.yml`), produced by the
 * repositories in this folder. Timestamps are ISO 8601 with milliseconds and `Z`.
 */
const json = z.unknown();
const iso = z.string();

export const trace = z.object({
  id: z.string(),
  timestamp: iso,
  name: z.string().nullable(),
  input: json,
  output: json,
  sessionId: z.string().nullable(),
  release: z.string().nullable(),
  version: z.string().nullable(),
  userId: z.string().nullable(),
  metadata: json,
  tags: z.array(z.string()),
  public: z.boolean(),
  environment: z.string(),
});
export type Trace = z.infer<typeof trace>;

const traceDetails = {
  htmlPath: z.string(),
  /** Seconds from the first start to the last end of the trace's observations. */
  latency: z.number(),
  totalCost: z.number(),
};

export const traceWithDetails = trace.extend({
  ...traceDetails,
  observations: z.array(z.string()),
  scores: z.array(z.string()),
});
export type TraceWithDetails = z.infer<typeof traceWithDetails>;

const usage = z.object({ input: z.number(), output: z.number(), total: z.number(), unit: z.literal('TOKENS') });

export const observationView = z.object({
  id: z.string(),
  traceId: z.string(),
  type: z.string(),
  name: z.string().nullable(),
  startTime: iso,
  endTime: iso.nullable(),
  completionStartTime: iso.nullable(),
  model: z.string().nullable(),
  modelParameters: json,
  input: json,
  output: json,
  metadata: json,
  version: z.string().nullable(),
  level: z.string(),
  statusMessage: z.string().nullable(),
  parentObservationId: z.string().nullable(),
  promptId: z.string().nullable(),
  promptName: z.string().nullable(),
  promptVersion: z.number().nullable(),
  modelId: z.string().nullable(),
  usage,
  usageDetails: z.record(z.string(), z.number()),
  costDetails: z.record(z.string(), z.number()),
  calculatedInputCost: z.number().nullable(),
  calculatedOutputCost: z.number().nullable(),
  calculatedTotalCost: z.number().nullable(),
  inputPrice: z.number().nullable(),
  outputPrice: z.number().nullable(),
  totalPrice: z.number().nullable(),
  latency: z.number().nullable(),
  timeToFirstToken: z.number().nullable(),
  environment: z.string(),
});
export type ObservationView = z.infer<typeof observationView>;

export const scoreV1 = z.object({
  id: z.string(),
  traceId: z.string(),
  name: z.string(),
  value: z.number(),
  stringValue: z.string().nullable(),
  source: z.string(),
  dataType: z.string(),
  comment: z.string().nullable(),
  observationId: z.string().nullable(),
  timestamp: iso,
  createdAt: iso,
  updatedAt: iso,
  authorUserId: z.string().nullable(),
  configId: z.string().nullable(),
  queueId: z.string().nullable(),
  environment: z.string(),
  metadata: json,
});
export type ScoreV1 = z.infer<typeof scoreV1>;

export const traceWithFullDetails = trace.extend({
  ...traceDetails,
  observations: z.array(observationView),
  scores: z.array(scoreV1),
});
export type TraceWithFullDetails = z.infer<typeof traceWithFullDetails>;

export const session = z.object({ id: z.string(), createdAt: iso, projectId: z.string(), environment: z.string() });
export type Session = z.infer<typeof session>;
export const sessionWithTraces = session.extend({ traces: z.array(trace) });
export type SessionWithTraces = z.infer<typeof sessionWithTraces>;

/** v2 observations carry only the requested field groups, so their shape is open. */
export type ObservationV2 = Record<string, unknown>;

/** Page-based list meta (`page` is 1-based). */
export const pageMeta = z.object({ page: z.number(), limit: z.number(), totalItems: z.number(), totalPages: z.number() });
export type PageMeta = z.infer<typeof pageMeta>;
export interface Page<T> {
  data: T[];
  meta: PageMeta;
}
