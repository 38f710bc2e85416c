import type { AnyValue, KeyValue } from '../otlp/types.js';

/** A span's (or resource's, or event's) attributes as one flat record, read once per span. */
export type Attributes = Record<string, unknown>;

/**
 * AnyValue → plain JS value. intValue becomes a number when it is a safe integer and stays a decimal
 * string otherwise (no precision loss); bytes stay base64; kvlist becomes an object. An empty
 * AnyValue is null (OTLP's "no value").
 */
export function anyValueToJs(value: AnyValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return intToJs(value.intValue);
  if (value.doubleValue !== undefined) return doubleToJs(value.doubleValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(anyValueToJs);
  if (value.kvlistValue !== undefined) return flattenAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return null;
}

/**
 * KeyValue[] → record. A repeated key keeps its last value (as Langfuse does). The record is a plain
 * object (V8 keeps those in fast mode, which JSON.stringify of metadata depends on); `__proto__` is
 * defined as an ordinary own property so an attribute can't replace the prototype. Readers look up
 * fixed attribute names only, never names taken from the data.
 */
export function flattenAttributes(list: readonly KeyValue[] | undefined): Attributes {
  const out: Attributes = {};
  if (list === undefined) return out;
  for (const kv of list) setAttribute(out, kv.key, anyValueToJs(kv.value));
  return out;
}

export function setAttribute(target: Attributes, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function intToJs(raw: string | number): number | string {
  const n = typeof raw === 'number' ? raw : Number(raw);
  return Number.isSafeInteger(n) ? n : String(raw);
}

// JSON has no NaN/Infinity; keep their names rather than letting JSON.stringify turn them into null.
function doubleToJs(raw: number | string): number | string {
  const n = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(n) ? n : String(raw);
}
