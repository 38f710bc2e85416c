import { setAttribute } from '../attributes.js';
import type { SpanView } from '../span-view.js';
import {
  asString,
  isPresent,
  isTrue,
  jsonText,
  looksLikeJson,
  parseJsonObject,
  textJson,
  toAmount,
  toCount,
  toTags,
} from '../values.js';
import { nanosToDateTime64 } from '../time.js';
import type { Content, Extra, Lifted } from './types.js';

/**
 * Resolver builders, so a convention reads as a table of attribute keys per field. Each list is
 * tried in order; the first present key wins.
 */
type Resolver<T> = (span: SpanView) => T | undefined;

/** A prototype-less record, so keys taken from attribute data (`__proto__`) stay ordinary data. */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function commonPrefix(texts: readonly string[]): string {
  let prefix = texts[0] ?? '';
  for (const t of texts) while (!t.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export function firstKey(attributes: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) if (isPresent(attributes[key])) return key;
  return undefined;
}

export function present(...keys: string[]): (span: SpanView) => boolean {
  return (span) => firstKey(span.attributes, keys) !== undefined;
}

/** Enum-like attribute → value through a table (a Map, so keys like `constructor` can't match). */
export function lookup<T>(key: string, table: ReadonlyMap<string, T>): Resolver<T> {
  return (span) => {
    const value = span.attributes[key];
    return typeof value === 'string' ? table.get(value) : undefined;
  };
}

export function str(...keys: string[]): Resolver<string> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    return key === undefined ? undefined : asString(span.attributes[key]);
  };
}

/** Each key on the span, then the same key on the resource, before the next key. */
export function strSpanThenResource(...keys: string[]): Resolver<string> {
  return (span) => {
    for (const key of keys) {
      if (isPresent(span.attributes[key])) return asString(span.attributes[key]);
      if (isPresent(span.resource[key])) return asString(span.resource[key]);
    }
    return undefined;
  };
}

export function strResource(...keys: string[]): Resolver<string> {
  return (span) => {
    const key = firstKey(span.resource, keys);
    return key === undefined ? undefined : asString(span.resource[key]);
  };
}

export function bool(...keys: string[]): Resolver<boolean> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    return key === undefined ? undefined : isTrue(span.attributes[key]);
  };
}

export function tags(...keys: string[]): Resolver<string[]> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    return key === undefined ? undefined : toTags(span.attributes[key]);
  };
}

/** Content from attributes documented to carry JSON (a JSON string is stored as is). */
export function json(...keys: string[]): Resolver<Content> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    return key === undefined ? undefined : { json: jsonText(span.attributes[key]), keys: [key] };
  };
}

/** Content from free-text attributes (a string is stored as a JSON string, never interpreted). */
export function text(...keys: string[]): Resolver<Content> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    return key === undefined ? undefined : { json: textJson(span.attributes[key]), keys: [key] };
  };
}

export function firstOf<T>(...resolvers: Resolver<T>[]): Resolver<T> {
  return (span) => {
    for (const resolve of resolvers) {
      const value = resolve(span);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** A JSON object (text or kvlist), e.g. model parameters; anything else is noted and skipped. */
export function jsonObject(...keys: string[]): Resolver<string> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    if (key === undefined) return undefined;
    const value = span.attributes[key];
    if (typeof value === 'string') {
      if (looksLikeJson(value) && value.trimStart().startsWith('{')) return value;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return JSON.stringify(value);
    }
    span.note(`${key}: not a JSON object`);
    return undefined;
  };
}

export function count(span: SpanView, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = span.attributes[key];
    if (!isPresent(value)) continue;
    const n = toCount(value);
    if (n !== undefined) return n;
    span.note(`${key}: not a non-negative integer token count`);
  }
  return undefined;
}

/** Usage or cost details given as one JSON object; entries that aren't valid numbers are noted and dropped. */
export function details(key: string, convert: (v: unknown) => number | undefined): Resolver<Record<string, number>> {
  return (span) => {
    const raw = span.attributes[key];
    if (!isPresent(raw)) return undefined;
    const object = parseJsonObject(raw);
    if (object === undefined) {
      span.note(`${key}: not a JSON object`);
      return undefined;
    }
    const out = record<number>();
    for (const [name, value] of Object.entries(object)) {
      const n = convert(value);
      if (n === undefined) span.note(`${key}.${name}: not a valid number`);
      else out[name] = n;
    }
    return out;
  };
}

/** A cost total from the first present key. */
export function costTotal(...keys: string[]): Resolver<Record<string, number>> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    if (key === undefined) return undefined;
    const amount = toAmount(span.attributes[key]);
    if (amount === undefined) span.note(`${key}: not a non-negative cost`);
    return amount === undefined ? undefined : { total: amount };
  };
}

/**
 * An object assembled from a JSON-object attribute `base` and its prefixed keys `base.K` (which win),
 * e.g. `langfuse.observation.metadata` and `langfuse.observation.metadata.tenant`.
 */
export function lifted(...bases: string[]): Resolver<Lifted> {
  const prefixes = bases.map((b) => `${b}.`);
  const common = commonPrefix(prefixes);
  return (span) => {
    let value: Record<string, unknown> | undefined;
    const keys: string[] = [];
    const base = firstKey(span.attributes, bases);
    if (base !== undefined) {
      const object = parseJsonObject(span.attributes[base]);
      // Not an object: the value stays in metadata.attributes as it came.
      if (object === undefined) span.note(`${base}: not a JSON object`);
      else {
        keys.push(base);
        value = Object.assign(record(), object);
      }
    }
    for (const key of span.keys) {
      if (!key.startsWith(common)) continue;
      for (const prefix of prefixes) {
        if (key.startsWith(prefix)) {
          setAttribute((value ??= record()), key.slice(prefix.length), span.attributes[key]);
          keys.push(key);
          break;
        }
      }
    }
    return value === undefined ? undefined : { value, keys };
  };
}

/** A value that may be JSON text, as a JS value (text that isn't JSON stays the string). */
export function parsed(value: unknown): unknown {
  if (typeof value !== 'string' || !looksLikeJson(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A JSON array (text or array value) → Extra, e.g. tool definitions; anything else is noted and skipped. */
export function jsonArray(...keys: string[]): Resolver<Extra> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    if (key === undefined) return undefined;
    const value = parsed(span.attributes[key]);
    if (Array.isArray(value)) return { value, keys: [key] };
    span.note(`${key}: not a JSON array`);
    return undefined;
  };
}

/** Span start + an offset (time to first token/chunk) → completion start time as DateTime64 text. */
export function afterStart(unitSeconds: number, ...keys: string[]): Resolver<string> {
  return (span) => {
    const key = firstKey(span.attributes, keys);
    if (key === undefined) return undefined;
    const raw = span.attributes[key];
    const n = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      span.note(`${key}: not a non-negative duration`);
      return undefined;
    }
    const nanos = BigInt(span.startTimeUnixNano) + BigInt(Math.round(n * unitSeconds * 1e9));
    return nanosToDateTime64(nanos.toString());
  };
}

/** A constant answer when the span name is in a table (frameworks that type spans only by name). */
export function byName<T>(table: ReadonlyMap<string, T>): Resolver<T> {
  return (span) => table.get(span.name);
}
