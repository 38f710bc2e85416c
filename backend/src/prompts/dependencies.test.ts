import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { parseDependencyTags, resolvePrompt, type FindChild, type ResolvablePrompt } from './dependencies.js';

const text = (name: string, version: number, prompt: string, labels: string[] = []): ResolvablePrompt & { labels: string[] } => ({
  id: `${name}@${version}`,
  name,
  version,
  type: 'text',
  prompt,
  labels,
});

/** A map-backed stand-in for the repository lookup. */
function finder(prompts: Array<ResolvablePrompt & { labels?: string[] }>): FindChild {
  return async (name, ref) =>
    prompts.find((p) => p.name === name && (ref.type === 'version' ? p.version === ref.version : p.labels?.includes(ref.label)));
}

describe('parseDependencyTags', () => {
  it('reads version and label tags from text and chat contents, skipping malformed ones', () => {
    expect(parseDependencyTags('a @@@langfusePrompt:name=x|version=2@@@ b @@@langfusePrompt:name=y|label=prod@@@')).toEqual([
      { name: 'x', type: 'version', version: 2, raw: '@@@langfusePrompt:name=x|version=2@@@' },
      { name: 'y', type: 'label', label: 'prod', raw: '@@@langfusePrompt:name=y|label=prod@@@' },
    ]);
    expect(
      parseDependencyTags([
        { role: 'system', content: '@@@langfusePrompt:name=f/g|label=latest@@@' },
        { type: 'placeholder', name: 'history' },
      ]),
    ).toEqual([{ name: 'f/g', type: 'label', label: 'latest', raw: '@@@langfusePrompt:name=f/g|label=latest@@@' }]);
    for (const bad of ['label=x|name=y', 'name=x', 'name=x|version=1|label=y', 'name=x|version=abc', 'name=|label=x']) {
      expect(parseDependencyTags(`@@@langfusePrompt:${bad}@@@`)).toEqual([]);
    }
  });
});

describe('resolvePrompt', () => {
  it('inlines children depth first and returns the graph', async () => {
    const leaf = text('leaf', 1, 'L$&');
    const mid = text('mid', 3, 'M[@@@langfusePrompt:name=leaf|version=1@@@]', ['production']);
    const root = text('root', 1, '@@@langfusePrompt:name=mid|label=production@@@ and @@@langfusePrompt:name=mid|label=production@@@');
    const result = await resolvePrompt(root, finder([leaf, mid]));
    expect(result.prompt).toBe('M[L$&] and M[L$&]');
    expect(result.graph).toEqual({
      root: { id: root.id, name: 'root', version: 1 },
      dependencies: {
        [root.id]: [
          { id: mid.id, name: 'mid', version: 3 },
          { id: mid.id, name: 'mid', version: 3 },
        ],
        // As in Langfuse, each visit of a child lists its own children again.
        [mid.id]: [
          { id: leaf.id, name: 'leaf', version: 1 },
          { id: leaf.id, name: 'leaf', version: 1 },
        ],
      },
    });
    expect(await resolvePrompt(text('plain', 1, 'no tags'), finder([]))).toEqual({ prompt: 'no tags', graph: null });
  });

  it('refuses cycles (409), chat children, missing children and depth 5 (400)', async () => {
    const a = text('a', 1, '@@@langfusePrompt:name=b|version=1@@@');
    const b = text('b', 1, '@@@langfusePrompt:name=a|version=1@@@');
    const cycle = await resolvePrompt(a, finder([a, b])).catch((e: ApiError) => e);
    expect(cycle).toMatchObject({ code: 'conflict' });

    const chat: ResolvablePrompt = { id: 'c', name: 'c', version: 1, type: 'chat', prompt: [] };
    await expect(resolvePrompt(text('r', 1, '@@@langfusePrompt:name=c|version=1@@@'), finder([chat]))).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'Prompt dependency is not a text prompt: c - version 1',
    });
    await expect(resolvePrompt(text('r', 1, '@@@langfusePrompt:name=z|label=x@@@'), finder([]))).rejects.toBeInstanceOf(ApiError);

    const chain = Array.from({ length: 6 }, (_, i) => text(`n${i}`, 1, i === 0 ? 'end' : `@@@langfusePrompt:name=n${i - 1}|version=1@@@`));
    expect((await resolvePrompt(chain[4]!, finder(chain))).prompt).toBe('end');
    await expect(resolvePrompt(chain[5]!, finder(chain))).rejects.toMatchObject({ message: 'Maximum nesting depth exceeded (5)' });
  });
});
