import { describe, expect, it } from 'vitest';
import { batchKey, isSafeKey } from './keys.js';

describe('batchKey', () => {
  it('lays keys out by project, UTC day and hour, unique per call', () => {
    const at = Date.UTC(2025, 2, 7, 4, 30);
    const a = batchKey('proj-1', at);
    expect(a).toMatch(/^otel\/proj-1\/2025-03-07\/04\/[0-9a-f-]{36}\.jsonl$/);
    expect(batchKey('proj-1', at)).not.toBe(a);
    expect(isSafeKey(a)).toBe(true);
  });

  it('sanitizes project ids that could escape the folder or break a key', () => {
    for (const id of ['../../etc', 'a/b', 'x:y', '', '..', 'ünï cödé']) {
      const key = batchKey(id, 0);
      expect(isSafeKey(key)).toBe(true);
      expect(key.split('/')).toHaveLength(5);
    }
  });

  it('rejects unsafe keys', () => {
    for (const key of ['', '/abs', 'a/../b', 'a//b', '.hidden', 'a\\b', 'a/./b']) expect(isSafeKey(key)).toBe(false);
  });
});
