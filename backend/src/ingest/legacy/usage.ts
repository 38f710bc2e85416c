/**
 * Usage and cost of one generation event, normalised as Langfuse's worker does (ingestion reference
 * §4.5): the legacy `usage` object (also in OpenAI's camelCase completion form) overlaid with
 * `usageDetails` (a plain map, or OpenAI's chat or Responses usage); costs from `usage` overlaid
 * with `costDetails`. Undefined when the event provides none, so it does not overwrite earlier ones.
 */
export type Details = Record<string, number>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const count = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : num(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};
const compact = (d: Record<string, number | undefined>): Details | undefined => {
  const out: Details = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
};

/** OpenAI usage: `prefix_tokens` minus its details, plus `prefix_<detail>` per detail count. */
function openAiSide(usage: Record<string, unknown>, from: string, to: string): Details {
  const out: Details = {};
  let value = count(usage[`${from}_tokens`]) ?? 0;
  const details = usage[`${from}_tokens_details`];
  if (isObject(details)) {
    for (const [k, v] of Object.entries(details)) {
      const n = count(v);
      if (n === undefined) continue;
      out[`${to}_${k}`] = n;
      value -= n;
    }
  }
  out[to] = Math.max(0, value);
  return out;
}

function usageDetailsOf(details: unknown): Details | undefined {
  if (!isObject(details)) return undefined;
  const total = count(details.total_tokens);
  if (num(details.prompt_tokens) !== undefined && num(details.completion_tokens) !== undefined && total !== undefined) {
    return { ...openAiSide(details, 'prompt', 'input'), ...openAiSide(details, 'completion', 'output'), total };
  }
  if (num(details.input_tokens) !== undefined && num(details.output_tokens) !== undefined && total !== undefined) {
    return { ...openAiSide(details, 'input', 'input'), ...openAiSide(details, 'output', 'output'), total };
  }
  return compact(Object.fromEntries(Object.entries(details).map(([k, v]) => [k, count(v)])));
}

export function providedUsage(body: Record<string, unknown>): Details | undefined {
  const usage = isObject(body.usage) ? body.usage : {};
  const details = usageDetailsOf(body.usageDetails);
  const openAi = 'promptTokens' in usage || 'completionTokens' in usage || 'totalTokens' in usage;
  const input = count(openAi ? usage.promptTokens : usage.input);
  const output = count(openAi ? usage.completionTokens : usage.output);
  let total = count(openAi ? usage.totalTokens : usage.total);
  if (total === undefined && !details) total = input !== undefined && output !== undefined ? input + output : (input ?? output);
  const merged = { ...compact({ input, output, total }), ...details };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

export function providedCost(body: Record<string, unknown>): Details | undefined {
  const usage = isObject(body.usage) ? body.usage : {};
  const openAi = 'promptTokens' in usage || 'completionTokens' in usage || 'totalTokens' in usage;
  const cost = (v: unknown): number | undefined => {
    const n = num(v);
    return n !== undefined && n >= 0 ? n : undefined;
  };
  const fromUsage = openAi ? undefined : compact({ input: cost(usage.inputCost), output: cost(usage.outputCost), total: cost(usage.totalCost) });
  const details = isObject(body.costDetails)
    ? compact(Object.fromEntries(Object.entries(body.costDetails).map(([k, v]) => [k, cost(v)])))
    : undefined;
  const merged = { ...fromUsage, ...details };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** The stored usage (§5.5): the provided one, with `total` the sum of all keys when none was given. */
export function finalUsage(usage: Details | undefined): Details {
  if (!usage) return {};
  if (usage.total !== undefined) return usage;
  return { ...usage, total: Object.values(usage).reduce((a, b) => a + b, 0) };
}

/** The stored cost (§5.5): `total` is the provided one, or input+output when only those two are given. */
export function finalCost(cost: Details | undefined): Details {
  if (!cost) return {};
  const keys = Object.keys(cost);
  if (cost.total === undefined && keys.length === 2 && cost.input !== undefined && cost.output !== undefined) {
    return { ...cost, total: cost.input + cost.output };
  }
  return cost;
}
