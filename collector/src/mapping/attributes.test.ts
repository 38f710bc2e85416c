import { describe, expect, it } from 'vitest';
import { anyValueToJs, flattenAttributes } from './attributes.js';

describe('anyValueToJs', () => {
  it('converts every AnyValue kind', () => {
    expect(anyValueToJs({ stringValue: 'hi' })).toBe('hi');
    expect(anyValueToJs({ stringValue: '' })).toBe('');
    expect(anyValueToJs({ boolValue: false })).toBe(false);
    expect(anyValueToJs({ intValue: '42' })).toBe(42);
    expect(anyValueToJs({ intValue: '-7' })).toBe(-7);
    expect(anyValueToJs({ doubleValue: 0.25 })).toBe(0.25);
    expect(anyValueToJs({ doubleValue: 0 })).toBe(0);
    expect(anyValueToJs({ bytesValue: 'AQID' })).toBe('AQID');
    expect(anyValueToJs({ arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } })).toEqual(['a', 1]);
    expect(anyValueToJs({ arrayValue: {} })).toEqual([]);
    expect(anyValueToJs({ kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } })).toEqual({ k: true });
  });

  it('keeps 64-bit integers beyond 2^53 exact, as decimal strings', () => {
    expect(anyValueToJs({ intValue: '9007199254740991' })).toBe(9007199254740991);
    expect(anyValueToJs({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(anyValueToJs({ intValue: '-9223372036854775808' })).toBe('-9223372036854775808');
  });

  it('keeps non-finite doubles as their names (JSON has no NaN)', () => {
    expect(anyValueToJs({ doubleValue: Number.NaN })).toBe('NaN');
    expect(anyValueToJs({ doubleValue: Number.POSITIVE_INFINITY })).toBe('Infinity');
  });

  it('maps an empty or missing value to null', () => {
    expect(anyValueToJs({})).toBeNull();
    expect(anyValueToJs(undefined)).toBeNull();
  });

  it('nests arrays and kvlists', () => {
    const value = anyValueToJs({
      kvlistValue: {
        values: [{ key: 'list', value: { arrayValue: { values: [{ kvlistValue: { values: [{ key: 'x', value: { intValue: '1' } }] } }] } } }],
      },
    });
    expect(JSON.stringify(value)).toBe('{"list":[{"x":1}]}');
  });
});

describe('flattenAttributes', () => {
  it('builds one record, last duplicate wins, __proto__ is plain data', () => {
    const attrs = flattenAttributes([
      { key: 'a', value: { stringValue: '1' } },
      { key: 'a', value: { stringValue: '2' } },
      { key: '__proto__', value: { stringValue: 'x' } },
      { key: 'none' },
    ]);
    expect(attrs.a).toBe('2');
    expect(attrs.none).toBeNull();
    expect(Object.keys(attrs)).toEqual(['a', '__proto__', 'none']);
    expect(JSON.stringify(attrs)).toBe('{"a":"2","__proto__":"x","none":null}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('gives an empty record for missing attributes', () => {
    expect(Object.keys(flattenAttributes(undefined))).toEqual([]);
  });
});
