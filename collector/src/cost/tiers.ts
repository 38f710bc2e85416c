import type { PricedTier, TierCondition } from './types.js';

function holds(condition: TierCondition, usage: Readonly<Record<string, number>>): boolean {
  let sum = 0;
  for (const [key, units] of Object.entries(usage)) {
    condition.usageDetailPattern.lastIndex = 0;
    if (condition.usageDetailPattern.test(key)) sum += units;
  }
  switch (condition.operator) {
    case 'gt':
      return sum > condition.value;
    case 'gte':
      return sum >= condition.value;
    case 'lt':
      return sum < condition.value;
    case 'lte':
      return sum <= condition.value;
    case 'eq':
      return sum === condition.value;
    case 'neq':
      return sum !== condition.value;
  }
}

/** Langfuse's rule: non-default tiers by ascending priority, first whose conditions all hold; else the default. */
export function selectTier(tiers: readonly PricedTier[], usage: Readonly<Record<string, number>>): PricedTier | undefined {
  const ordered = [...tiers].sort((a, b) => a.priority - b.priority);
  for (const tier of ordered) {
    if (tier.isDefault || tier.conditions.length === 0) continue;
    if (tier.conditions.every((c) => holds(c, usage))) return tier;
  }
  return ordered.find((t) => t.isDefault);
}
