import { describe, expect, it } from 'vitest';
import { jsonText, looksLikeJson, normalizeEnvironment, toCount, toTags } from './values.js';

describe('normalizeEnvironment', () => {
  it.each([
    [undefined, 'default'],
    ['production', 'production'],
    ['Production', 'production'],
    ['langfuse-staging', 'staging'],
    ['langfuse_dev', 'dev'],
    ['langfusetest', 'test'],
    ['langfuse', 'default'],
    ['my env', 'default'],
    ['prod/eu', 'default'],
    ['', 'default'],
    ['a'.repeat(50), 'a'.repeat(40)],
    ['eu-west_1', 'eu-west_1'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeEnvironment(raw)).toBe(expected);
  });
});

describe('JSON text', () => {
  it('recognises JSON strings without re-encoding them', () => {
    expect(looksLikeJson('[{"role":"user"}]')).toBe(true);
    expect(looksLikeJson(' {"a":1}\n')).toBe(true);
    expect(looksLikeJson('"quoted"')).toBe(true);
    expect(looksLikeJson('42')).toBe(true);
    expect(looksLikeJson('null')).toBe(true);
    expect(looksLikeJson('hello')).toBe(false);
    expect(looksLikeJson('"a" and "b"')).toBe(false);
    expect(looksLikeJson('')).toBe(false);
    const messages = '[{"role":"user","content":"hi"}]';
    expect(jsonText(messages)).toBe(messages);
    expect(jsonText('rainy, 14°C')).toBe('"rainy, 14°C"');
    expect(jsonText({ a: [1] })).toBe('{"a":[1]}');
  });
});

describe('toCount', () => {
  it('accepts non-negative integers as numbers or decimal strings only', () => {
    expect(toCount(12)).toBe(12);
    expect(toCount('12')).toBe(12);
    expect(toCount(0)).toBe(0);
    expect(toCount(-1)).toBeUndefined();
    expect(toCount(1.5)).toBeUndefined();
    expect(toCount('abc')).toBeUndefined();
    expect(toCount('')).toBeUndefined();
    expect(toCount('9007199254740993')).toBeUndefined();
  });
});

describe('toTags', () => {
  it('reads arrays, JSON arrays, comma lists and single tags', () => {
    expect(toTags(['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(toTags('["x","y"]')).toEqual(['x', 'y']);
    expect(toTags('x, y ,z')).toEqual(['x', 'y', 'z']);
    expect(toTags('solo')).toEqual(['solo']);
    expect(toTags([1, true])).toEqual(['1', 'true']);
  });
});
