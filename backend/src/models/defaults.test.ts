import type { PricedModel } from '@spanlight/collector';
import { describe, expect, it } from 'vitest';
import { defaultModels } from './defaults.js';
import { compilePattern, toPricedModel } from './definition.js';

/** The first default whose pattern matches, as the catalog resolves managed models. */
function match(name: string): PricedModel | undefined {
  const def = defaultModels().models.find((m) => compilePattern(m.matchPattern).test(name));
  return def && toPricedModel(def);
}

describe('default price list', () => {
  it('is dated, has unique ids and only valid definitions', () => {
    const { updatedAt, models } = defaultModels();
    expect(updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(models.length).toBeGreaterThan(50);
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    for (const m of models) expect(m.tiers.filter((t) => t.isDefault)).toHaveLength(1);
  });

  it.each([
    ['gpt-4o-mini-2024-07-18', 'openai-gpt-4o-mini'],
    ['openai/gpt-4o', 'openai-gpt-4o'],
    ['GPT-4.1-nano', 'openai-gpt-4.1-nano'],
    ['gpt-5-2025-08-07', 'openai-gpt-5'],
    ['text-embedding-3-small', 'openai-text-embedding-3-small'],
    ['claude-sonnet-4-5-20250929', 'anthropic-claude-sonnet-4-5'],
    ['us.anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic-claude-3-5-sonnet'],
    ['claude-opus-4-1@20250805', 'anthropic-claude-opus-4-1'],
    ['gemini-2.5-pro', 'google-gemini-2.5-pro'],
    ['models/gemini-2.0-flash-001', 'google-gemini-2.0-flash'],
    ['mistral-large-latest', 'mistral-mistral-large'],
    ['command-r-plus-08-2024', 'cohere-command-r-plus'],
    ['us.meta.llama3-3-70b-instruct-v1:0', 'bedrock-llama3-3-70b-instruct'],
    ['amazon.nova-pro-v1:0', 'bedrock-nova-pro'],
  ])('matches %s to %s', (name, id) => {
    expect(match(name)?.id).toBe(id);
  });

  it('does not confuse neighbouring names', () => {
    expect(match('gpt-4o-mini')?.id).not.toBe('openai-gpt-4o');
    expect(match('claude-opus-4-5')?.id).toBe('anthropic-claude-opus-4-5');
    expect(match('my-own-model')).toBeUndefined();
  });

  it('gives tokenizers to OpenAI models only', () => {
    expect(match('gpt-4o')?.tokenizerId).toBe('openai');
    expect(match('claude-3-haiku-20240307')?.tokenizerId).toBeNull();
  });
});
