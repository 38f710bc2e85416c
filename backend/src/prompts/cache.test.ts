import { describe, expect, it } from 'vitest';
import { LocalPromptCache } from './cache.js';

const counter = () => {
  let n = 0;
  return async () => ++n;
};

describe('LocalPromptCache', () => {
  it('serves hits until the project is invalidated, per project', async () => {
    const cache = new LocalPromptCache();
    const load = counter();
    expect(await cache.getOrLoad('p1', 'k', load)).toBe(1);
    expect(await cache.getOrLoad('p1', 'k', load)).toBe(1);
    expect(await cache.getOrLoad('p2', 'k', load)).toBe(2);
    await cache.invalidate('p1');
    expect(await cache.getOrLoad('p1', 'k', load)).toBe(3);
    expect(await cache.getOrLoad('p2', 'k', load)).toBe(2);
  });

  it('does not store a load that raced an invalidation', async () => {
    const cache = new LocalPromptCache();
    let release!: () => void;
    const slow = cache.getOrLoad('p', 'k', () => new Promise<string>((r) => (release = () => r('old'))));
    await cache.invalidate('p');
    release();
    expect(await slow).toBe('old');
    expect(await cache.getOrLoad('p', 'k', async () => 'new')).toBe('new');
  });

  it('shares one load between concurrent misses and does not cache failures', async () => {
    const cache = new LocalPromptCache();
    const load = counter();
    const [a, b] = await Promise.all([cache.getOrLoad('p', 'k', load), cache.getOrLoad('p', 'k', load)]);
    expect([a, b]).toEqual([1, 1]);
    await expect(cache.getOrLoad('p', 'x', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.getOrLoad('p', 'x', async () => 'ok')).toBe('ok');
  });

  it('stores nothing while invalidations could be missed, and bounds its size', async () => {
    let connected = false;
    const offline = new LocalPromptCache({}, () => connected);
    const load = counter();
    await offline.getOrLoad('p', 'k', load);
    expect(await offline.getOrLoad('p', 'k', load)).toBe(2);
    connected = true;
    await offline.getOrLoad('p', 'k', load);
    expect(await offline.getOrLoad('p', 'k', load)).toBe(3);

    const small = new LocalPromptCache({ maxEntries: 2 });
    const l2 = counter();
    await small.getOrLoad('p', 'a', l2);
    await small.getOrLoad('p', 'b', l2);
    await small.getOrLoad('p', 'c', l2);
    expect(await small.getOrLoad('p', 'a', l2)).toBe(4);
    expect(await small.getOrLoad('p', 'c', l2)).toBe(3);
  });
});
