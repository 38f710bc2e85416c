/** How a pricing tier's condition compares the summed usage of the matching keys with its value. */
export const TIER_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type TierOperator = (typeof TIER_OPERATORS)[number];

export interface TierCondition {
  /** Compiled once by whoever builds the snapshot; tested against usage keys. */
  usageDetailPattern: RegExp;
  operator: TierOperator;
  value: number;
}

export interface PricedTier {
  id: string;
  name: string;
  isDefault: boolean;
  priority: number;
  /** All must hold (AND). The default tier has none. */
  conditions: readonly TierCondition[];
  /** USD per unit, by usage key (`input`, `output`, `input_cached_tokens`, `total`, ...). */
  prices: Readonly<Record<string, number>>;
}

/** A model definition as the cost calculation needs it. */
export interface PricedModel {
  id: string;
  /** Ascending priority; exactly one default tier. */
  tiers: readonly PricedTier[];
  /** `openai` counts tokens with tiktoken; null: no tokenizer fallback. */
  tokenizerId: string | null;
  tokenizerConfig: Readonly<Record<string, unknown>> | null;
}

/**
 * The model definitions in force, looked up synchronously on the write path (an in-memory snapshot):
 * the project's own definitions before the managed defaults, then the newest start date not after `at`.
 */
export interface ModelPrices {
  find(projectId: string, model: string, at: Date): PricedModel | undefined;
}
