/**
 * Size limit for single values (an attribute, or a JSON column of the row). A value over the limit
 * is cut to at most the limit, ends with an explicit marker, and is counted; the span is always kept.
 */

/** 1 MiB: far above normal chat content, well below ClickHouse's and the batch buffer's limits. */
export const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;

/** Ends in `)`, so cut JSON text is never mistaken for JSON (which is recognised by its delimiters). */
export function truncationMarker(bytes: number): string {
  return `…(truncated from ${bytes} bytes)`;
}

/**
 * UTF-8 size check without encoding in the common case: a UTF-16 code unit takes 1–3 bytes, so
 * only strings between max/3 and max code units need to be measured.
 */
export function exceeds(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return Buffer.byteLength(text, 'utf8') > max;
}

/** The text cut so that it, with the marker, fits in `max` bytes (never inside a UTF-8 sequence). */
export function cut(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  const marker = truncationMarker(bytes.length);
  const room = Math.max(0, max - Buffer.byteLength(marker, 'utf8'));
  let end = room;
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8') + marker;
}
