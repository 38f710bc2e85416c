import type { ObservationRow } from '../batch/index.js';
import { selectTier } from './tiers.js';
import { countTokens } from './tokenizer.js';
import type { ModelPrices, PricedModel } from './types.js';

/** Cost columns are Decimal(18, 12): rounding here keeps float noise (2.5e-6 × 12) out of the stored value. */
const round = (usd: number): number => Number(usd.toFixed(12));

function isEmpty(details: Readonly<Record<string, number>>): boolean {
  for (const _ in details) return false;
  return true;
}

function sum(details: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const key in details) total += details[key] ?? 0;
  return total;
}

/** A JSON column's value: '' is absent; text that isn't JSON (already cut) is counted as it is. */
function columnValue(json: string): unknown {
  if (json === '') return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function tokenizedUsage(model: PricedModel, row: ObservationRow): Record<string, number> | undefined {
  if (model.tokenizerId === null) return undefined;
  const usage: Record<string, number> = {};
  for (const side of ['input', 'output'] as const) {
    const value = columnValue(row[side]);
    if (value === undefined) continue;
    const n = countTokens(model.tokenizerId, model.tokenizerConfig, value);
    if (n === undefined) return undefined;
    usage[side] = n;
  }
  if (isEmpty(usage)) return undefined;
  usage.total = sum(usage);
  return usage;
}

/** Price × units for every priced usage key of the selected tier; total = the priced `total`, else the sum. */
export function priceUsage(model: PricedModel, usage: Readonly<Record<string, number>>): Record<string, number> {
  const tier = selectTier(model.tiers, usage);
  const cost: Record<string, number> = {};
  if (!tier) return cost;
  for (const [key, units] of Object.entries(usage)) {
    const price = tier.prices[key];
    if (price !== undefined) cost[key] = round(price * units);
  }
  if (!isEmpty(cost) && cost.total === undefined) cost.total = round(sum(cost));
  return cost;
}

function applyOne(row: ObservationRow, prices: ModelPrices): void {
  if (row.model === '' || (row.type !== 'GENERATION' && row.type !== 'EMBEDDING')) return;
  const model = prices.find(row.project_id, row.model, new Date(`${row.start_time.replace(' ', 'T')}Z`));
  if (!model) return;
  row.model_id = model.id;
  // Tokenizing an errored call would price a request that likely was never billed.
  if (isEmpty(row.usage_details) && row.level !== 'ERROR') {
    const usage = tokenizedUsage(model, row);
    if (usage) row.usage_details = usage;
  }
  if (!isEmpty(row.cost_details)) {
    // Costs the caller reported win entirely; only a missing total is filled in.
    if (row.cost_details.total === undefined) row.cost_details = { ...row.cost_details, total: round(sum(row.cost_details)) };
    return;
  }
  const cost = priceUsage(model, row.usage_details);
  if (!isEmpty(cost)) row.cost_details = cost;
}

/**
 * Fills `model_id`, `cost_details` and (tokenizer fallback) `usage_details` of GENERATION and EMBEDDING rows
 * whose model matches a definition. Mutates the rows in place; rows without a match are left as they are.
 */
export function applyCosts(rows: ObservationRow[], prices: ModelPrices): void {
  for (const row of rows) applyOne(row, prices);
}
