import type { FieldPlan, MessagePlan } from './plan.js';

/** A structural error deep in a JSON body; the path is filled in on the way up, at no cost on success. */
export class JsonShapeError extends Error {
  readonly path: string[] = [];
}

type JsonObject = Record<string, unknown>;

const INTEGER = /^-?\d+$/;
const SPECIAL_DOUBLES: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/**
 * An OTLP/JSON object in the normalized shape: lowerCamelCase or original snake_case keys, 64-bit
 * integers as strings or numbers, enums as numbers or names; unknown keys are ignored (as the spec
 * requires), null means unset.
 */
export function normalizeJson(input: unknown, plan: MessagePlan): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new JsonShapeError(`expected an object, got ${describe(input)}`);
  }
  const object = input as JsonObject;
  const out: Record<string, unknown> = {};
  let current = '';
  try {
    for (const field of plan.fields) {
      current = field.name;
      let value = object[field.name];
      if (value === undefined && field.snake !== field.name) value = object[field.snake];
      if (value === undefined || value === null) {
        if (field.repeated) out[field.name] = [];
        else if (!field.presence) out[field.name] = field.defaultValue;
        continue;
      }
      out[field.name] = field.repeated ? convertArray(value, field) : convert(value, field);
    }
  } catch (err) {
    if (err instanceof JsonShapeError) err.path.unshift(current);
    throw err;
  }
  return out;
}

function convertArray(value: unknown, field: FieldPlan): unknown[] {
  if (!Array.isArray(value)) throw new JsonShapeError(`expected an array, got ${describe(value)}`);
  const out = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    try {
      out[i] = convert(value[i], field);
    } catch (err) {
      if (err instanceof JsonShapeError) err.path.unshift(`[${i}]`);
      throw err;
    }
  }
  return out;
}

function convert(value: unknown, field: FieldPlan): unknown {
  switch (field.kind) {
    case 'message':
      return normalizeJson(value, field.message!);
    case 'string':
    case 'base64':
      if (typeof value !== 'string') throw new JsonShapeError(`expected a string, got ${describe(value)}`);
      return value;
    case 'hex':
      if (typeof value !== 'string') throw new JsonShapeError(`expected a hex string, got ${describe(value)}`);
      return value.toLowerCase();
    case 'bool':
      if (typeof value !== 'boolean') throw new JsonShapeError(`expected a boolean, got ${describe(value)}`);
      return value;
    case 'int64':
    case 'uint64':
      return toInt64(value);
    case 'number':
      return toNumber(value);
    case 'enum':
      return toEnum(value, field.enumValues!);
  }
}

function toInt64(value: unknown): string {
  if (typeof value === 'string' && INTEGER.test(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  throw new JsonShapeError(`expected an integer (string or number), got ${describe(value)}`);
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (Object.hasOwn(SPECIAL_DOUBLES, value)) return SPECIAL_DOUBLES[value]!;
    const parsed = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw new JsonShapeError(`expected a number, got ${describe(value)}`);
}

function toEnum(value: unknown, values: Readonly<Record<string, number>>): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    if (Object.hasOwn(values, value)) return values[value]!;
    throw new JsonShapeError(`unknown enum value ${JSON.stringify(value)}`);
  }
  throw new JsonShapeError(`expected an enum number or name, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** `resourceSpans[0].scopeSpans[1].spans[2].kind` from the collected path segments. */
export function formatPath(path: readonly string[]): string {
  return path.map((segment, i) => (i === 0 || segment.startsWith('[') ? segment : `.${segment}`)).join('');
}
