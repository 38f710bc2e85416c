import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ApiError } from '../errors.js';

// One compiler for the process; compiled validators are cached by schema text (datasets rarely change).
const ajv = new Ajv({ allErrors: true, strict: false });
const cache = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

/** Compiles a dataset's JSON Schema; an invalid schema is the caller's mistake (400). */
export function compileSchema(schema: unknown, field: string): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) return cached;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as object);
  } catch (err) {
    throw new ApiError('invalid_request', `${field} is not a valid JSON Schema: ${(err as Error).message}`);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, validate);
  return validate;
}

export interface SchemaViolation {
  field: 'input' | 'expectedOutput';
  errors: string[];
}

/** Checks an item's input / expected output against the dataset's schemas (absent schema = anything goes). */
export function checkItem(
  schemas: { inputSchema: unknown; expectedOutputSchema: unknown },
  item: { input: unknown; expectedOutput: unknown },
): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const pairs = [
    ['input', schemas.inputSchema, item.input],
    ['expectedOutput', schemas.expectedOutputSchema, item.expectedOutput],
  ] as const;
  for (const [field, schema, value] of pairs) {
    if (schema === null || schema === undefined) continue;
    const validate = compileSchema(schema, `${field}Schema`);
    if (!validate(value ?? null)) violations.push({ field, errors: (validate.errors ?? []).map(describe) });
  }
  return violations;
}

function describe(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`;
}
