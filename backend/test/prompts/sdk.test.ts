import { LangfuseClient } from '@langfuse/client';
import { Langfuse } from 'langfuse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const CHAT = [
  { role: 'system', content: 'You are {{persona}}.' },
  { type: 'placeholder' as const, name: 'history' },
  { role: 'user', content: '{{question}}' },
];
const HISTORY = [
  { role: 'user', content: 'hi' },
  { role: 'assistant', content: 'hello' },
];

describe('the legacy langfuse SDK (v3)', () => {
  let langfuse: Langfuse;
  beforeAll(() => {
    langfuse = new Langfuse({ ...TEST_KEYS, baseUrl: spanlight.apiUrl });
  });
  afterAll(async () => {
    await langfuse.shutdownAsync();
  });

  it('creates and fetches text prompts by label and version, compiling variables', async () => {
    const created = await langfuse.createPrompt({ name: 'v3/text', prompt: 'Hello {{name}}!', labels: ['production'], config: { temperature: 0.1 } });
    expect(created.version).toBe(1);
    await langfuse.createPrompt({ name: 'v3/text', prompt: 'Howdy {{name}}!', labels: ['staging'] });

    const production = await langfuse.getPrompt('v3/text', undefined, { cacheTtlSeconds: 0 });
    expect(production.version).toBe(1);
    expect(production.config).toEqual({ temperature: 0.1 });
    expect(production.compile({ name: 'Ada' })).toBe('Hello Ada!');
    const staging = await langfuse.getPrompt('v3/text', undefined, { label: 'staging', cacheTtlSeconds: 0 });
    expect(staging.compile({ name: 'Ada' })).toBe('Howdy Ada!');
    expect((await langfuse.getPrompt('v3/text', 2, { cacheTtlSeconds: 0 })).labels).toEqual(['staging', 'latest']);

    await langfuse.updatePrompt({ name: 'v3/text', version: 2, newLabels: ['production'] });
    const moved = await langfuse.getPrompt('v3/text', undefined, { cacheTtlSeconds: 0 });
    expect(moved.version).toBe(2);
  });

  it('creates chat prompts with placeholders and compiles them', async () => {
    await langfuse.createPrompt({ name: 'v3-chat', type: 'chat', prompt: CHAT, labels: ['production'] });
    const chat = await langfuse.getPrompt('v3-chat', undefined, { type: 'chat', cacheTtlSeconds: 0 });
    expect(chat.compile({ persona: 'a pirate', question: 'Where?' }, { history: HISTORY })).toEqual([
      { role: 'system', content: 'You are a pirate.' },
      ...HISTORY,
      { role: 'user', content: 'Where?' },
    ]);
  });

  it('gets composed prompts resolved', async () => {
    await langfuse.createPrompt({ name: 'v3-footer', prompt: 'Thanks, {{name}}.', labels: ['production'] });
    await langfuse.createPrompt({ name: 'v3-mail', prompt: 'Dear {{name}}. @@@langfusePrompt:name=v3-footer|label=production@@@', labels: ['production'] });
    const mail = await langfuse.getPrompt('v3-mail', undefined, { cacheTtlSeconds: 0 });
    expect(mail.compile({ name: 'Bo' })).toBe('Dear Bo. Thanks, Bo.');
  });

  it('falls back when the prompt does not exist', async () => {
    const missing = await langfuse.getPrompt('v3-missing', undefined, { fallback: 'fallback {{x}}', cacheTtlSeconds: 0, maxRetries: 0 });
    expect(missing.isFallback).toBe(true);
  });
});

describe('@langfuse/client (v5)', () => {
  let langfuse: LangfuseClient;
  beforeAll(() => {
    langfuse = new LangfuseClient({ ...TEST_KEYS, baseUrl: spanlight.apiUrl });
  });

  it('creates and fetches text prompts by label and version, moving labels', async () => {
    const created = await langfuse.prompt.create({ name: 'v5/text', prompt: 'Hi {{who}}', labels: ['production'], tags: ['sdk'] });
    expect(created.version).toBe(1);
    await langfuse.prompt.create({ name: 'v5/text', prompt: 'Hey {{who}}' });

    const production = await langfuse.prompt.get('v5/text', { cacheTtlSeconds: 0 });
    expect(production.compile({ who: 'you' })).toBe('Hi you');
    expect(production.tags).toEqual(['sdk']);
    const v2 = await langfuse.prompt.get('v5/text', { version: 2, cacheTtlSeconds: 0 });
    expect(v2.compile({ who: 'you' })).toBe('Hey you');
    expect((await langfuse.prompt.get('v5/text', { label: 'latest', cacheTtlSeconds: 0 })).version).toBe(2);

    const updated = await langfuse.prompt.update({ name: 'v5/text', version: 2, newLabels: ['production'] });
    expect(updated.labels).toEqual(expect.arrayContaining(['production', 'latest']));
    expect((await langfuse.prompt.get('v5/text', { cacheTtlSeconds: 0 })).version).toBe(2);
  });

  it('creates chat prompts with placeholders and compiles them', async () => {
    await langfuse.prompt.create({ name: 'v5-chat', type: 'chat', prompt: CHAT, labels: ['production'] });
    const chat = await langfuse.prompt.get('v5-chat', { type: 'chat', cacheTtlSeconds: 0 });
    expect(chat.compile({ persona: 'terse', question: 'Why?' }, { history: HISTORY })).toEqual([
      { role: 'system', content: 'You are terse.' },
      ...HISTORY,
      { role: 'user', content: 'Why?' },
    ]);
  });

  it('gets composed prompts resolved and deletes versions', async () => {
    await langfuse.prompt.create({ name: 'v5-rules', prompt: 'No spoilers.', labels: ['production'] });
    await langfuse.prompt.create({ name: 'v5-agent', prompt: 'Rules: @@@langfusePrompt:name=v5-rules|version=1@@@', labels: ['production'] });
    expect((await langfuse.prompt.get('v5-agent', { cacheTtlSeconds: 0 })).prompt).toBe('Rules: No spoilers.');

    await langfuse.prompt.delete('v5-agent');
    await expect(langfuse.prompt.get('v5-agent', { cacheTtlSeconds: 0, maxRetries: 0 })).rejects.toThrow();
  });
});
