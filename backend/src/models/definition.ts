import type { PricedModel } from '@spanlight/collector';
import { ApiError } from '../errors.js';
import type { CreateModelBody, ModelDefinition, PricingTierInput, TierConditionInput } from './schemas.js';

/**
 * A match pattern as a JS RegExp. Langfuse's patterns are Postgres regexes that start with the embedded
 * flag `(?i)`, which JS on Node 20 doesn't know: it becomes the `i` flag.
 */
export function compilePattern(pattern: string, ignoreCase = false): RegExp {
  const embedded = pattern.startsWith('(?i)');
  return new RegExp(embedded ? pattern.slice(4) : pattern, embedded || ignoreCase ? 'i' : '');
}

const invalid = (message: string): ApiError => new ApiError('invalid_request', message);

function checkPattern(pattern: string, what: string, ignoreCase = false): void {
  try {
    compilePattern(pattern, ignoreCase);
  } catch {
    throw invalid(`${what} is not a valid regular expression: ${pattern}`);
  }
}

/** Langfuse's tier rules: one default tier (priority 0, no conditions); others have conditions; unique names and priorities. */
export function checkTiers(tiers: readonly PricingTierInput[]): void {
  const defaults = tiers.filter((t) => t.isDefault);
  if (defaults.length !== 1) throw invalid('Exactly one pricing tier must be the default tier');
  const [def] = defaults;
  if (def!.priority !== 0 || def!.conditions.length > 0) throw invalid('The default pricing tier must have priority 0 and no conditions');
  for (const tier of tiers) {
    if (!tier.isDefault && tier.conditions.length === 0) throw invalid(`Pricing tier "${tier.name}" needs at least one condition`);
    for (const c of tier.conditions) checkPattern(c.usageDetailPattern, 'usageDetailPattern', !c.caseSensitive);
  }
  if (new Set(tiers.map((t) => t.name)).size !== tiers.length) throw invalid('Pricing tier names must be unique');
  if (new Set(tiers.map((t) => t.priority)).size !== tiers.length) throw invalid('Pricing tier priorities must be unique');
}

/** The tiers of a create request: given tiers, or one default tier built from the flat prices. */
export function tiersOf(body: CreateModelBody): PricingTierInput[] {
  checkPattern(body.matchPattern, 'matchPattern');
  const flat = { input: body.inputPrice, output: body.outputPrice, total: body.totalPrice };
  const hasFlat = Object.values(flat).some((p) => p !== undefined && p !== null);
  if (body.pricingTiers) {
    if (hasFlat) throw invalid('Pass either pricingTiers or inputPrice/outputPrice/totalPrice, not both');
    checkTiers(body.pricingTiers);
    return body.pricingTiers;
  }
  const prices: Record<string, number> = {};
  for (const [key, price] of Object.entries(flat)) if (price !== undefined && price !== null) prices[key] = price;
  return [{ name: 'Standard', isDefault: true, priority: 0, conditions: [], prices }];
}

function compileCondition(c: TierConditionInput) {
  return { usageDetailPattern: compilePattern(c.usageDetailPattern, !c.caseSensitive), operator: c.operator, value: c.value };
}

/** The form the cost calculation uses; patterns compiled once per snapshot. */
export function toPricedModel(def: ModelDefinition): PricedModel {
  return {
    id: def.id,
    tiers: [...def.tiers]
      .sort((a, b) => a.priority - b.priority)
      .map((t) => ({ id: t.id, name: t.name, isDefault: t.isDefault, priority: t.priority, conditions: t.conditions.map(compileCondition), prices: t.prices })),
    tokenizerId: def.tokenizerId,
    tokenizerConfig: def.tokenizerConfig,
  };
}
