import { describe, expect, it } from 'vitest';
import { int64ToString } from './int64.js';

/** The {low, high} signed 32-bit halves protobufjs' Long carries. */
const long = (value: bigint) => ({
  low: Number(BigInt.asIntN(32, value)),
  high: Number(BigInt.asIntN(32, value >> 32n)),
});

const UNSIGNED = [0n, 1n, 0xffffffffn, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 1795310268788336262n, 2n ** 64n - 1n];
const SIGNED = [0n, -1n, 42n, -(2n ** 31n), -(2n ** 53n) - 7n, -1795310268788336262n, 2n ** 63n - 1n, -(2n ** 63n)];

describe('int64ToString', () => {
  it('matches BigInt for unsigned 64-bit values (fixed64 times)', () => {
    for (const value of UNSIGNED) {
      expect(int64ToString(long(value), true)).toBe(value.toString());
    }
  });

  it('matches BigInt for signed 64-bit values (intValue, asInt)', () => {
    for (const value of SIGNED) {
      expect(int64ToString(long(value), false)).toBe(value.toString());
    }
  });

  it('matches BigInt across every limb boundary', () => {
    for (let bit = 0; bit < 64; bit++) {
      for (const value of [2n ** BigInt(bit) - 1n, 2n ** BigInt(bit), 2n ** BigInt(bit) + 999_999n]) {
        const unsigned = BigInt.asUintN(64, value);
        expect(int64ToString(long(unsigned), true)).toBe(unsigned.toString());
      }
    }
  });

  it('passes plain numbers through', () => {
    expect(int64ToString(12, false)).toBe('12');
  });
});
