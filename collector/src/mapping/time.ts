/**
 * Times as ClickHouse DateTime64(6) text (`YYYY-MM-DD hh:mm:ss.ffffff`, UTC), converted with string and
 * integer arithmetic only: unix-nano strings exceed 2^53, so a float conversion would lose microseconds.
 */

/** 2299-12-31 23:59:59, the last second DateTime64 can hold. */
const MAX_SECONDS = 10_413_791_999;

// Spans of one request share their day: the date part is formatted once per day, the time of day by arithmetic.
let lastDay = Number.NaN;
let lastDate = '';
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

function secondsPrefix(seconds: number): string {
  const day = Math.floor(seconds / 86_400);
  if (day !== lastDay) {
    lastDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
    lastDay = day;
  }
  const inDay = seconds - day * 86_400;
  const hours = Math.floor(inDay / 3600);
  const minutes = Math.floor((inDay - hours * 3600) / 60);
  return `${lastDate} ${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[inDay % 60]}`;
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
