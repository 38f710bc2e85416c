import { int64ToString, type LongLike } from './int64.js';
import type { FieldPlan, MessagePlan } from './plan.js';

type Decoded = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A protobufjs-decoded message in the normalized OTLP/JSON shape, in one pass (no toObject + fix-up):
 * unset singular scalars come from the prototype defaults, presence fields are own properties.
 */
export function normalizeDecoded(message: Decoded, plan: MessagePlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of plan.fields) {
    const value = message[field.name];
    if (field.repeated) {
      const items = value as unknown[];
      const converted = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) converted[i] = convert(items[i], field);
      out[field.name] = converted;
    } else if (!field.presence) {
      out[field.name] = convert(value, field);
    } else if (value != null && hasOwn.call(message, field.name)) {
      out[field.name] = convert(value, field);
    }
  }
  return out;
}

function convert(value: unknown, field: FieldPlan): unknown {
  switch (field.kind) {
    case 'message':
      return normalizeDecoded(value as Decoded, field.message!);
    case 'int64':
      return int64ToString(value as LongLike, false);
    case 'uint64':
      return int64ToString(value as LongLike, true);
    case 'hex':
      return asBuffer(value as Uint8Array).toString('hex');
    case 'base64':
      return asBuffer(value as Uint8Array).toString('base64');
    default:
      return value;
  }
}

/** protobufjs yields Buffer views for Buffer input, plain Uint8Array (or [] as a default) otherwise. */
function asBuffer(bytes: Uint8Array | number[]): Buffer {
  if (Buffer.isBuffer(bytes)) return bytes;
  if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Buffer.from(bytes);
}
