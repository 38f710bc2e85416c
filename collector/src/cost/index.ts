export { applyCosts, priceUsage } from './apply.js';
export { selectTier } from './tiers.js';
export { countTokens } from './tokenizer.js';
export { TIER_OPERATORS } from './types.js';
export type { ModelPrices, PricedModel, PricedTier, TierCondition, TierOperator } from './types.js';
