/** Trace/span id check: exactly `length` hex digits, not all zeros (OTLP's "invalid id"); returned lower-case. */
export function normalizeId(id: unknown, length: 16 | 32): string | undefined {
  if (typeof id !== 'string' || id.length !== length) return undefined;
  let nonZero = false;
  let upper = false;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (c !== 48) nonZero = true;
    } else if (c >= 97 && c <= 102) {
      nonZero = true;
    } else if (c >= 65 && c <= 70) {
      nonZero = true;
      upper = true;
    } else {
      return undefined;
    }
  }
  if (!nonZero) return undefined;
  return upper ? id.toLowerCase() : id;
}

/** An id field that is absent: '' or all zeros (some exporters send zeros for "no parent"). */
export function isEmptyId(id: string | undefined): boolean {
  if (id === undefined || id === '') return true;
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) !== 48) return false;
  return true;
}
