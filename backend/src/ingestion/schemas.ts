import { z } from 'zod';
import { scoreBody } from '../scores/index.js';

/**
 * Wire shapes of `POST /api/public/ingestion` (Langfuse's legacy batch API). The envelope is checked
 * first; each event is then validated on its own so one bad event never sinks the others.
 */
export const ingestionRequest = z.object({
  batch: z.array(z.unknown()),
  metadata: z.unknown().optional(),
});

const isoDate = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(800).refine((v) => !v.includes('\r'), 'must not contain \\r');
const json = z.unknown().optional();
const text = z.string().nullish();
const level = z.enum(['DEBUG', 'DEFAULT', 'WARNING', 'ERROR']).nullish();

const traceBody = z.object({
  id: id.nullish(),
  timestamp: isoDate.nullish(),
  name: z.string().max(1000).nullish(),
  externalId: text,
  userId: text,
  sessionId: text,
  release: text,
  version: text,
  input: json,
  output: json,
  environment: text,
  metadata: json,
  public: z.boolean().nullish(),
  tags: z.array(z.string()).nullish(),
});

const observationBase = {
  traceId: z.string().max(800).nullish(),
  environment: text,
  name: text,
  startTime: isoDate.nullish(),
  metadata: json,
  input: json,
  output: json,
  level,
  statusMessage: text,
  parentObservationId: text,
  version: text,
};

const eventBody = z.object({ ...observationBase, id });
const spanBody = z.object({ ...observationBase, id, endTime: isoDate.nullish() });

const legacyUsage = z.object({
  input: z.number().int().nullish(),
  output: z.number().int().nullish(),
  total: z.number().int().nullish(),
  unit: z.enum(['CHARACTERS', 'TOKENS', 'SECONDS', 'MILLISECONDS', 'IMAGES', 'REQUESTS']).nullish(),
  inputCost: z.number().nullish(),
  outputCost: z.number().nullish(),
  totalCost: z.number().nullish(),
});
const openAiCompletionUsage = z
  .object({
    promptTokens: z.number().int().nullish(),
    completionTokens: z.number().int().nullish(),
    totalTokens: z.number().int().nullish(),
  })
  .strict();
/** The OpenAI form first and strict: the all-optional legacy object would otherwise match it and strip its keys. */
const usage = z.union([openAiCompletionUsage, legacyUsage]);
/** usageDetails: a plain map, or OpenAI's chat (`prompt_tokens`…) or Responses (`input_tokens`…) usage. */
const usageDetails = z.union([
  z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }).loose(),
  z.object({ input_tokens: z.number(), output_tokens: z.number(), total_tokens: z.number() }).loose(),
]);
const modelParameterValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.record(z.string(), z.string()),
  z.null(),
]);

const generationBody = spanBody
  .extend({
    completionStartTime: isoDate.nullish(),
    model: text,
    modelParameters: z.record(z.string(), modelParameterValue).nullish(),
    usage: usage.nullish(),
    usageDetails: usageDetails.nullish(),
    costDetails: z.record(z.string(), z.number().nullable()).nullish(),
    promptName: text,
    promptVersion: z.number().int().nullish(),
  })
  .refine((b) => (b.promptName == null) === (b.promptVersion == null), {
    message: 'promptName and promptVersion must be set together',
  });

const legacyObservationBody = z.object({
  id: id.nullish(),
  traceId: z.string().max(800).nullish(),
  type: z.enum(['GENERATION', 'SPAN', 'EVENT']),
  name: text,
  startTime: isoDate.nullish(),
  endTime: isoDate.nullish(),
  completionStartTime: isoDate.nullish(),
  model: text,
  modelParameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullish(),
  input: json,
  output: json,
  usage: usage.nullish(),
  usageDetails: usageDetails.nullish(),
  costDetails: z.record(z.string(), z.number().nullable()).nullish(),
  metadata: json,
  parentObservationId: text,
  level,
  statusMessage: text,
  version: text,
});

/** Body schema per event type (§4.3 of the ingestion reference). */
export const EVENT_BODIES = {
  'trace-create': traceBody,
  'span-create': spanBody,
  'span-update': spanBody,
  'generation-create': generationBody,
  'generation-update': generationBody,
  'event-create': eventBody,
  'agent-create': generationBody,
  'tool-create': generationBody,
  'chain-create': generationBody,
  'retriever-create': generationBody,
  'evaluator-create': generationBody,
  'embedding-create': generationBody,
  'guardrail-create': generationBody,
  'score-create': scoreBody,
  'sdk-log': z.object({ log: json, id: z.string().nullish() }),
  'observation-create': legacyObservationBody,
  'observation-update': legacyObservationBody,
  'dataset-run-item-create': z.unknown(),
} as const;
export type EventType = keyof typeof EVENT_BODIES;
export const EVENT_TYPES = Object.keys(EVENT_BODIES) as EventType[];

export const eventEnvelope = z.object({
  id,
  timestamp: isoDate,
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  metadata: json,
  body: z.unknown().optional(),
});

/** An event that passed its schema: the envelope with its body parsed by the type's schema. */
export interface IngestionEvent {
  id: string;
  timestamp: string;
  type: EventType;
  body: Record<string, unknown>;
}
