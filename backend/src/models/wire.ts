import type { ModelDefinition } from './schemas.js';

/** Langfuse's `Model` object; the deprecated flat prices are the default tier's input/output/total. */
export function toWireModel(def: ModelDefinition) {
  const defaultPrices = def.tiers.find((t) => t.isDefault)?.prices ?? {};
  return {
    id: def.id,
    modelName: def.modelName,
    matchPattern: def.matchPattern,
    startDate: def.startDate?.toISOString() ?? null,
    unit: def.unit,
    inputPrice: defaultPrices.input ?? null,
    outputPrice: defaultPrices.output ?? null,
    totalPrice: defaultPrices.total ?? null,
    tokenizerId: def.tokenizerId,
    tokenizerConfig: def.tokenizerConfig,
    isLangfuseManaged: def.projectId === null,
    createdAt: def.createdAt.toISOString(),
    prices: Object.fromEntries(Object.entries(defaultPrices).map(([usageType, price]) => [usageType, { price }])),
    pricingTiers: def.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      isDefault: t.isDefault,
      priority: t.priority,
      conditions: t.conditions,
      prices: t.prices,
    })),
  };
}
