import protobuf from 'protobufjs';

/** How one field is normalized; decided once per message type from the schema. */
export type FieldKind = 'message' | 'enum' | 'int64' | 'uint64' | 'number' | 'bool' | 'string' | 'hex' | 'base64';

export interface FieldPlan {
  /** lowerCamelCase: the protobufjs field name, the OTLP/JSON key and the normalized key. */
  readonly name: string;
  /** The original proto field name, which OTLP/JSON receivers also accept. */
  readonly snake: string;
  readonly kind: FieldKind;
  readonly repeated: boolean;
  /** oneof members, proto3 `optional` and singular messages are emitted only when set; other fields always. */
  readonly presence: boolean;
  readonly defaultValue: unknown;
  readonly enumValues?: Readonly<Record<string, number>>;
  message?: MessagePlan;
}

export interface MessagePlan {
  readonly typeName: string;
  readonly fields: FieldPlan[];
}

/** Trace/span ids are hex in OTLP/JSON (unlike other bytes, which are base64). */
const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** Profiling-only or development fields that the normalized shape leaves out. */
const SKIPPED_FIELDS = new Set(['stringValueStrindex', 'keyStrindex', 'entityRefs']);

const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);
const NUMBER = new Set(['int32', 'sint32', 'sfixed32', 'uint32', 'fixed32', 'double', 'float']);

const plans = new Map<string, MessagePlan>();

export function messagePlan(type: protobuf.Type): MessagePlan {
  const existing = plans.get(type.fullName);
  if (existing !== undefined) return existing;
  const plan: MessagePlan = { typeName: type.name, fields: [] };
  // Registered before the fields so recursive types (AnyValue ↔ ArrayValue) resolve to this object.
  plans.set(type.fullName, plan);
  for (const field of type.fieldsArray) {
    if (SKIPPED_FIELDS.has(field.name)) continue;
    plan.fields.push(fieldPlan(field.resolve()));
  }
  return plan;
}

function fieldPlan(field: protobuf.Field): FieldPlan {
  const resolved = field.resolvedType;
  const kind = kindOf(field, resolved);
  const repeated = field.repeated;
  const plan: FieldPlan = {
    name: field.name,
    snake: field.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    kind,
    repeated,
    presence: field.partOf != null || (kind === 'message' && !repeated),
    defaultValue: DEFAULTS[kind],
    ...(resolved instanceof protobuf.Enum ? { enumValues: resolved.values } : {}),
  };
  if (resolved instanceof protobuf.Type) plan.message = messagePlan(resolved);
  return plan;
}

function kindOf(field: protobuf.Field, resolved: protobuf.Type | protobuf.Enum | null): FieldKind {
  if (resolved instanceof protobuf.Type) return 'message';
  if (resolved instanceof protobuf.Enum) return 'enum';
  if (INT64.has(field.type)) return 'int64';
  if (UINT64.has(field.type)) return 'uint64';
  if (NUMBER.has(field.type)) return 'number';
  if (field.type === 'bool') return 'bool';
  if (field.type === 'string') return 'string';
  if (field.type === 'bytes') return ID_FIELDS.has(field.name) ? 'hex' : 'base64';
  throw new Error(`unsupported proto field type ${field.type} (${field.fullName})`);
}

const DEFAULTS: Record<FieldKind, unknown> = {
  message: undefined,
  enum: 0,
  int64: '0',
  uint64: '0',
  number: 0,
  bool: false,
  string: '',
  hex: '',
  base64: '',
};
