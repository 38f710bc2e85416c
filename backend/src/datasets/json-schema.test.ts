import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { checkItem, compileSchema } from './json-schema.js';

const schemas = {
  inputSchema: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] },
  expectedOutputSchema: { type: 'string' },
};

describe('checkItem', () => {
  it('accepts items matching both schemas', () => {
    expect(checkItem(schemas, { input: { question: 'why?' }, expectedOutput: 'because' })).toEqual([]);
  });

  it('reports each violating field with the JSON pointer of the problem', () => {
    const violations = checkItem(schemas, { input: { question: 42 }, expectedOutput: { not: 'a string' } });
    expect(violations.map((v) => v.field)).toEqual(['input', 'expectedOutput']);
    expect(violations[0]!.errors).toEqual(['/question must be string']);
    expect(violations[1]!.errors).toEqual(['/ must be string']);
  });

  it('validates a missing value as null, so required inputs are enforced', () => {
    expect(checkItem(schemas, { input: undefined, expectedOutput: 'x' })[0]!.field).toBe('input');
  });

  it('lets anything through when the dataset has no schema', () => {
    expect(checkItem({ inputSchema: null, expectedOutputSchema: undefined }, { input: 1, expectedOutput: [] })).toEqual([]);
  });
});

describe('compileSchema', () => {
  it('rejects an invalid schema as a 400', () => {
    const err = (() => {
      try {
        compileSchema({ type: 'no-such-type' }, 'inputSchema');
      } catch (e) {
        return e;
      }
    })() as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid_request');
    expect(err.message).toMatch(/^inputSchema is not a valid JSON Schema/);
  });
});
