import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import type { ObservationRow } from '../batch/index.js';
import { applyCosts } from './apply.js';
import type { ModelPrices, PricedModel, PricedTier, TierCondition } from './types.js';

const tier = (prices: Record<string, number>, extra: Partial<PricedTier> = {}): PricedTier => ({
  id: `tier-${extra.name ?? 'default'}`,
  name: 'Standard',
  isDefault: true,
  priority: 0,
  conditions: [],
  prices,
  ...extra,
});
const when = (pattern: RegExp, operator: TierCondition['operator'], value: number): TierCondition => ({
  usageDetailPattern: pattern,
  operator,
  value,
});
const model = (id: string, tiers: PricedTier[], tokenizerId: string | null = null): PricedModel => ({
  id,
  tiers,
  tokenizerId,
  tokenizerConfig: tokenizerId === 'openai' ? { tokenizerModel: 'gpt-4o' } : null,
});

const MODELS: Record<string, PricedModel> = {
  flat: model('m-flat', [tier({ input: 0.000001, output: 0.000002 })], 'openai'),
  cached: model('m-cached', [tier({ input: 0.000003, output: 0.000015, input_cached_tokens: 0.0000003, input_cache_creation: 0.00000375 })]),
  byTotal: model('m-total', [tier({ total: 0.0001 })]),
  totalAndParts: model('m-both', [tier({ input: 0.001, output: 0.002, total: 0.5 })]),
  tiered: model('m-tiered', [
    tier({ input: 0.000003, output: 0.000015 }),
    tier({ input: 0.000006, output: 0.0000225 }, { name: 'long', isDefault: false, priority: 1, conditions: [when(/^input/, 'gt', 200_000)] }),
  ]),
  twoConditions: model('m-two', [
    tier({ input: 1 }),
    tier({ input: 3 }, { name: 'big-both', isDefault: false, priority: 1, conditions: [when(/^input$/, 'gte', 10), when(/^output$/i, 'gte', 10)] }),
    tier({ input: 2 }, { name: 'big-input', isDefault: false, priority: 2, conditions: [when(/^input$/, 'gte', 10)] }),
  ]),
  noTokenizer: model('m-plain', [tier({ input: 0.000001, output: 0.000002 })]),
};

/** A test double of the snapshot: the row's model name is the key of MODELS. */
const prices: ModelPrices = { find: (_project, name) => MODELS[name] };

function row(fields: Partial<ObservationRow>): ObservationRow {
  return {
    project_id: 'p1', trace_id: 't1', id: 'o1', parent_observation_id: '', type: 'GENERATION', name: 'llm',
    start_time: '2025-06-01 10:00:00.000000', end_time: null, completion_start_time: null, level: 'DEFAULT',
    status_message: '', version: '', release: '', environment: 'default', is_root: false, trace_name: '',
    user_id: '', session_id: '', tags: [], public: false, trace_input: '', trace_output: '', trace_metadata: '',
    model: 'flat', model_id: '', model_parameters: '', usage_details: {}, cost_details: {}, prompt_id: '',
    prompt_name: '', prompt_version: null, input: '', output: '', metadata: '', event_ts: '2025-06-01 10:00:00.000000',
    ...fields,
  };
}

function costed(fields: Partial<ObservationRow>): ObservationRow {
  const r = row(fields);
  applyCosts([r], prices);
  return r;
}

const o200k = getEncoding('o200k_base');
const tokens = (text: string): number => o200k.encode(text).length;

describe('applyCosts: usage shapes × model definitions', () => {
  it.each([
    ['input/output × flat prices', 'flat', { input: 1000, output: 500, total: 1500 }, { input: 0.001, output: 0.001, total: 0.002 }],
    [
      'cache breakdown × cache prices (unpriced keys cost nothing)',
      'cached',
      { input: 100, input_cached_tokens: 1000, input_cache_creation: 200, input_audio_tokens: 7, output: 10, total: 1317 },
      { input: 0.0003, input_cached_tokens: 0.0003, input_cache_creation: 0.00075, output: 0.00015, total: 0.0015 },
    ],
    ['only a total × priced by total', 'byTotal', { total: 20 }, { total: 0.002 }],
    ['parts and total all priced: the priced total wins', 'totalAndParts', { input: 1, output: 1, total: 2 }, { input: 0.001, output: 0.002, total: 1 }],
    ['below the tier threshold → default tier', 'tiered', { input: 200_000, output: 1000, total: 201_000 }, { input: 0.6, output: 0.015, total: 0.615 }],
    [
      'above the threshold (summed over input* keys) → long-context tier',
      'tiered',
      { input: 150_000, input_cached_tokens: 60_000, output: 1000, total: 211_000 },
      { input: 0.9, output: 0.0225, total: 0.9225 },
    ],
    ['all conditions of the first tier hold', 'twoConditions', { input: 10, output: 10 }, { input: 30, total: 30 }],
    ['one condition fails → next tier by priority', 'twoConditions', { input: 10, output: 9 }, { input: 20, total: 20 }],
    ['no tier condition holds → default', 'twoConditions', { input: 9, output: 10 }, { input: 9, total: 9 }],
  ])('%s', (_label, modelName, usage, expected) => {
    const r = costed({ model: modelName, usage_details: { ...usage } });
    expect(r.cost_details).toEqual(expected);
    expect(r.usage_details).toEqual(usage);
    expect(r.model_id).toBe(MODELS[modelName]!.id);
  });

  it('keeps provided costs, adding only a missing total', () => {
    expect(costed({ usage_details: { input: 1000, output: 500, total: 1500 }, cost_details: { total: 0.5 } }).cost_details).toEqual({ total: 0.5 });
    const r = costed({ usage_details: { input: 1000 }, cost_details: { input: 0.25, output: 0.5 } });
    expect(r.cost_details).toEqual({ input: 0.25, output: 0.5, total: 0.75 });
    expect(r.model_id).toBe('m-flat');
  });

  it('counts tokens with the model tokenizer when usage is missing', () => {
    const messages = [{ role: 'user', content: 'What is the weather in Paris?', name: 'bob' }];
    const r = costed({ input: JSON.stringify(messages), output: JSON.stringify('Sunny, 21°C.') });
    // Chat input: 3 per message + role + content + name (+1 per name), plus 3 for the reply priming.
    const input = 3 + 3 + tokens('user') + tokens('What is the weather in Paris?') + tokens('bob') + 1;
    const output = tokens('Sunny, 21°C.');
    expect(r.usage_details).toEqual({ input, output, total: input + output });
    expect(r.cost_details.input).toBeCloseTo(input * 0.000001, 12);
    expect(r.cost_details.output).toBeCloseTo(output * 0.000002, 12);
    expect(r.cost_details.total).toBeCloseTo(input * 0.000001 + output * 0.000002, 12);
  });

  it('tokenizes only the sides that exist, and JSON that is not chat as text', () => {
    const r = costed({ input: JSON.stringify({ question: 'hi' }) });
    expect(r.usage_details).toEqual({ input: tokens('{"question":"hi"}'), total: tokens('{"question":"hi"}') });
  });

  it('does not tokenize ERROR observations (the model id is still recorded)', () => {
    const r = costed({ level: 'ERROR', input: JSON.stringify('hello'), output: JSON.stringify('world') });
    expect(r).toMatchObject({ usage_details: {}, cost_details: {}, model_id: 'm-flat' });
  });

  it('leaves usage missing when the model names no tokenizer', () => {
    const r = costed({ model: 'noTokenizer', input: JSON.stringify('hello') });
    expect(r).toMatchObject({ usage_details: {}, cost_details: {}, model_id: 'm-plain' });
  });

  it('leaves rows alone when no model matches or the row is not a model call', () => {
    expect(costed({ model: 'unknown', usage_details: { input: 5 } })).toMatchObject({ cost_details: {}, model_id: '' });
    expect(costed({ type: 'SPAN', usage_details: { input: 5 } })).toMatchObject({ cost_details: {}, model_id: '' });
    expect(costed({ model: '', usage_details: { input: 5 } })).toMatchObject({ cost_details: {}, model_id: '' });
  });

  it('prices EMBEDDING observations too', () => {
    expect(costed({ type: 'EMBEDDING', usage_details: { input: 10, total: 10 } }).cost_details).toEqual({ input: 0.00001, total: 0.00001 });
  });

  it('looks the model up at the observation start time', () => {
    const seen: Date[] = [];
    applyCosts([row({ start_time: '2024-02-29 23:59:59.123456' })], { find: (_p, _m, at) => (seen.push(at), undefined) });
    expect(seen.map((d) => d.toISOString())).toEqual(['2024-02-29T23:59:59.123Z']);
  });
});
