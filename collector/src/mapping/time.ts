/**
 * Times as ClickHouse DateTime64(6) text (`YYYY-MM-DD hh:mm:ss.ffffff`, UTC), converted with string and
 * integer arithmetic only: unix-nano strings exceed 2^53, so a float conversion would lose microseconds.
 */

/** 2299-12-31 23:59:59, the last second DateTime64 can hold. */
const MAX_SECONDS = 10_413_791_999;

// Spans of one request mostly share their second; remembering the last one skips the Date formatting.
let lastSeconds = -1;
let lastPrefix = '';

function secondsPrefix(seconds: number): string {
  if (seconds !== lastSeconds) {
    const iso = new Date(seconds * 1000).toISOString();
    lastPrefix = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    lastSeconds = seconds;
  }
  return lastPrefix;
}

/** Unix nanoseconds (decimal string) → DateTime64 text, truncated to microseconds; undefined when missing ('' or 0) or invalid. */
export function nanosToDateTime64(nanos: string | undefined): string | undefined {
  if (typeof nanos !== 'string' || nanos.length === 0 || nanos.length > 20) return undefined;
  let nonZero = false;
  for (let i = 0; i < nanos.length; i++) {
    const c = nanos.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    if (c !== 48) nonZero = true;
  }
  if (!nonZero) return undefined;
  const padded = nanos.length < 10 ? nanos.padStart(10, '0') : nanos;
  const cut = padded.length - 9;
  const seconds = Number(padded.slice(0, cut));
  if (seconds > MAX_SECONDS) return undefined;
  return `${secondsPrefix(seconds)}.${padded.slice(cut, cut + 6)}`;
}

/** Unix milliseconds → DateTime64 text. */
export function millisToDateTime64(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const micros = Math.floor((ms - seconds * 1000) * 1000);
  return `${secondsPrefix(seconds)}.${String(micros).padStart(6, '0')}`;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.(\d+))?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** ISO 8601 with a zone (`Z` or an offset) → DateTime64 text, keeping microseconds the Date type would drop. */
export function isoToDateTime64(text: string): string | undefined {
  const match = ISO.exec(text);
  if (match === null) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 0 || seconds > MAX_SECONDS) return undefined;
  // Zone offsets are whole minutes, so the fraction is the same in UTC.
  const fraction = (match[1] ?? '').slice(0, 6).padEnd(6, '0');
  return `${secondsPrefix(seconds)}.${fraction}`;
}

/** DateTime64 text → ISO 8601 with microseconds, the form used inside metadata JSON. */
export function dateTime64ToIso(text: string): string {
  return `${text.slice(0, 10)}T${text.slice(11)}Z`;
}
