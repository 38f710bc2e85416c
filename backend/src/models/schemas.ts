import { TIER_OPERATORS } from '@spanlight/collector';
import { z } from 'zod';

export const MODEL_UNITS = ['TOKENS', 'CHARACTERS', 'MILLISECONDS', 'SECONDS', 'REQUESTS', 'IMAGES'] as const;

const price = z.number().nonnegative();
const prices = z.record(z.string().min(1), price);

export const tierCondition = z.object({
  usageDetailPattern: z.string().min(1),
  operator: z.enum(TIER_OPERATORS),
  value: z.number(),
  caseSensitive: z.boolean().default(false),
});
export type TierConditionInput = z.infer<typeof tierCondition>;

export const pricingTierInput = z.object({
  name: z.string().min(1),
  isDefault: z.boolean(),
  priority: z.number().int().nonnegative(),
  conditions: z.array(tierCondition).default([]),
  prices,
});
export type PricingTierInput = z.infer<typeof pricingTierInput>;

/** `POST /api/public/models`: flat prices (deprecated in Langfuse, still accepted) or pricing tiers. */
export const createModelBody = z.object({
  modelName: z.string().trim().min(1),
  matchPattern: z.string().min(1),
  startDate: z.iso.datetime({ offset: true }).nullish(),
  unit: z.enum(MODEL_UNITS).nullish(),
  inputPrice: price.nullish(),
  outputPrice: price.nullish(),
  totalPrice: price.nullish(),
  pricingTiers: z.array(pricingTierInput).min(1).nullish(),
  tokenizerId: z.string().min(1).nullish(),
  tokenizerConfig: z.record(z.string(), z.unknown()).nullish(),
});
export type CreateModelBody = z.infer<typeof createModelBody>;

/** The maintained default price list (default-models.json). */
export const defaultModelsFile = z.object({
  updatedAt: z.iso.date(),
  models: z.array(
    z.object({
      id: z.string().min(1),
      modelName: z.string().min(1),
      matchPattern: z.string().min(1),
      unit: z.enum(MODEL_UNITS).default('TOKENS'),
      tokenizerId: z.string().nullable().default(null),
      tokenizerConfig: z.record(z.string(), z.unknown()).nullable().default(null),
      prices: prices.optional(),
      pricingTiers: z.array(pricingTierInput).optional(),
    }),
  ),
});

/** One tier of a definition, as stored and as returned. */
export interface TierDefinition {
  id: string;
  name: string;
  isDefault: boolean;
  priority: number;
  conditions: TierConditionInput[];
  prices: Record<string, number>;
}

/** A model definition: a project's own (projectId set) or a managed default (projectId null). */
export interface ModelDefinition {
  id: string;
  projectId: string | null;
  modelName: string;
  matchPattern: string;
  startDate: Date | null;
  unit: string;
  tokenizerId: string | null;
  tokenizerConfig: Record<string, unknown> | null;
  createdAt: Date;
  tiers: TierDefinition[];
}
