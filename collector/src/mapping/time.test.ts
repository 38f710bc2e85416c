import { describe, expect, it } from 'vitest';
import { dateTime64ToIso, isoToDateTime64, millisToDateTime64, nanosToDateTime64 } from './time.js';

describe('nanosToDateTime64', () => {
  it('converts without float precision loss, truncating to microseconds', () => {
    expect(nanosToDateTime64('1700000000123456789')).toBe('2023-11-14 22:13:20.123456');
    expect(nanosToDateTime64('1750000000000000000')).toBe('2025-06-15 15:06:40.000000');
    expect(nanosToDateTime64('1750000000999999999')).toBe('2025-06-15 15:06:40.999999');
    // 2^53 < these values: a Number round trip would change the microseconds.
    expect(nanosToDateTime64('1750000000000001999')).toBe('2025-06-15 15:06:40.000001');
  });

  it('handles values under one second', () => {
    expect(nanosToDateTime64('1')).toBe('1970-01-01 00:00:00.000000');
    expect(nanosToDateTime64('123456789')).toBe('1970-01-01 00:00:00.123456');
    expect(nanosToDateTime64('1000000000')).toBe('1970-01-01 00:00:01.000000');
  });

  it('treats 0 and empty as missing and rejects non-decimal or out-of-range values', () => {
    expect(nanosToDateTime64('0')).toBeUndefined();
    expect(nanosToDateTime64('000')).toBeUndefined();
    expect(nanosToDateTime64('')).toBeUndefined();
    expect(nanosToDateTime64(undefined)).toBeUndefined();
    expect(nanosToDateTime64('17e17')).toBeUndefined();
    expect(nanosToDateTime64('-1')).toBeUndefined();
    expect(nanosToDateTime64('18446744073709551615')).toBeUndefined(); // year 2554, past DateTime64's 2299
    expect(nanosToDateTime64('10413791999999999999')).toBe('2299-12-31 23:59:59.999999');
  });
});

describe('other time conversions', () => {
  it('converts unix milliseconds', () => {
    expect(millisToDateTime64(1750000000123)).toBe('2025-06-15 15:06:40.123000');
    expect(millisToDateTime64(0)).toBe('1970-01-01 00:00:00.000000');
  });

  it('converts ISO datetimes with a zone, keeping microseconds', () => {
    expect(isoToDateTime64('2025-06-15T15:06:40.470Z')).toBe('2025-06-15 15:06:40.470000');
    expect(isoToDateTime64('2025-06-15T17:06:40.123456789+02:00')).toBe('2025-06-15 15:06:40.123456');
    expect(isoToDateTime64('2025-06-15T15:06:40Z')).toBe('2025-06-15 15:06:40.000000');
    expect(isoToDateTime64('2025-06-15T15:06:40')).toBeUndefined();
    expect(isoToDateTime64('June 15, 2025')).toBeUndefined();
  });

  it('formats DateTime64 text as ISO', () => {
    expect(dateTime64ToIso('2025-06-15 15:06:40.123456')).toBe('2025-06-15T15:06:40.123456Z');
  });
});
