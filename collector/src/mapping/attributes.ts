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
 * KeyValue[] → record. The record has no prototype, so keys such as `__proto__` are ordinary data.
 * A repeated key keeps its last value (as Langfuse does).
 */
export function flattenAttributes(list: readonly KeyValue[] | undefined): Attributes {
  const out: Attributes = Object.create(null) as Attributes;
  if (list === undefined) return out;
  for (const kv of list) out[kv.key] = anyValueToJs(kv.value);
  return out;
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
