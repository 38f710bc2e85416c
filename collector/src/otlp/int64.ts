/** A protobufjs 64-bit value: a Long-like {low, high} pair of signed 32-bit halves, or a plain number. */
export type LongLike = number | { low: number; high: number };

const TWO_32 = 4294967296;

/**
 * Decimal text of a 64-bit integer without Long division (Long#toString divides in a loop, which is
 * slow on the ingest path): split into three base-2^24 limbs and recombine in base 1e7.
 */
export function int64ToString(value: LongLike, unsigned: boolean): string {
  if (typeof value === 'number') return String(value);
  let lo = value.low >>> 0;
  let hi = value.high >>> 0;
  let sign = '';
  if (!unsigned && hi >= 0x80000000) {
    // Two's complement negation of the 64-bit value.
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
    sign = '-';
  }
  return sign + uint64ToString(lo, hi);
}

function uint64ToString(lo: number, hi: number): string {
  if (hi <= 0x1fffff) return String(hi * TWO_32 + lo);
  const low = lo & 0xffffff;
  const mid = ((lo >>> 24) | (hi << 8)) & 0xffffff;
  const high = (hi >>> 16) & 0xffff;
  // 2^24 = 16777216 = 1*1e7 + 6777216; 2^48 = 281474976710656 = 28147497*1e7 + 6710656 = 2*1e14 + ...
  let digitA = low + mid * 6777216 + high * 6710656;
  let digitB = mid + high * 8147497;
  let digitC = high * 2;
  const base = 10000000;
  if (digitA >= base) {
    digitB += Math.floor(digitA / base);
    digitA %= base;
  }
  if (digitB >= base) {
    digitC += Math.floor(digitB / base);
    digitB %= base;
  }
  return String(digitC) + pad7(digitB) + pad7(digitA);
}

function pad7(n: number): string {
  const s = String(n);
  return '0000000'.slice(s.length) + s;
}
