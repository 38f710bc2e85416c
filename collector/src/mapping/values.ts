/**
 * Value coercions shared by the conventions and the core. JSON-valued row fields hold JSON text, so
 * every value ends up either kept as JSON text (when an attribute already carries JSON) or encoded once.
 */

/** Present = not undefined, null or ''. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A value for a string column: strings as is, other scalars via String, structures as JSON. */
export function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Whether a string holds JSON text. Objects and arrays are recognised by their delimiters only:
 * message attributes can be large, and parsing them on the hot path only to re-store the same text is
 * the cost this avoids. Quoted strings and literals are checked exactly (they are short and ambiguous).
 */
export function looksLikeJson(text: string): boolean {
  let i = 0;
  let j = text.length - 1;
  while (i <= j && isSpace(text.charCodeAt(i))) i++;
  while (j > i && isSpace(text.charCodeAt(j))) j--;
  if (i > j) return false;
  const first = text.charCodeAt(i);
  const last = text.charCodeAt(j);
  if ((first === 123 && last === 125) || (first === 91 && last === 93)) return true;
  const token = i === 0 && j === text.length - 1 ? text : text.slice(i, j + 1);
  if (first === 34) {
    if (last !== 34 || token.length < 2) return false;
    try {
      return typeof JSON.parse(token) === 'string';
    } catch {
      return false;
    }
  }
  return token === 'true' || token === 'false' || token === 'null' || JSON_NUMBER.test(token);
}

/** JSON text of a value from an attribute that is documented to carry JSON: JSON strings are kept as is. */
export function jsonText(value: unknown): string {
  if (typeof value === 'string' && looksLikeJson(value)) return value;
  return JSON.stringify(value);
}

/** JSON text of a free-text value: a string is always encoded as a JSON string, never interpreted. */
export function textJson(value: unknown): string {
  return JSON.stringify(value);
}

/** A JSON object given as JSON text or as a kvlist; undefined when it is neither. */
export function parseJsonObject(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  return parsed as Record<string, unknown>;
}

/** A token count: a non-negative safe integer, given as a number or a decimal string. */
export function toCount(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** A non-negative finite amount (cost), given as a number or a decimal string. */
export function toAmount(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * Tags as Langfuse reads them: an array; a string holding a JSON array; a comma-separated string; or a
 * single tag.
 */
export function toTags(value: unknown): string[] | undefined {
  let list: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        list = JSON.parse(text);
      } catch {
        list = [text];
      }
    } else {
      list = text.includes(',') ? text.split(',') : [text];
    }
  }
  if (!Array.isArray(list)) return isPresent(list) ? [asString(list)] : undefined;
  const tags: string[] = [];
  for (const item of list) {
    const tag = isPresent(item) ? asString(item).trim() : '';
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

const ENVIRONMENT = /^[a-z0-9_-]+$/;
let lastRawEnvironment: string | undefined;
let lastEnvironment = 'default';

/**
 * Langfuse's environment normalisation (PublicEnvironmentName): lower-case, strip one leading
 * `langfuse-`, `langfuse_` or `langfuse`, cut to 40 characters, and fall back to `default` when the
 * result is empty or has characters outside [a-z0-9_-]. It never fails.
 */
export function normalizeEnvironment(raw: string | undefined): string {
  if (raw === undefined) return 'default';
  if (raw === lastRawEnvironment) return lastEnvironment;
  let env = raw.toLowerCase();
  for (const prefix of ['langfuse-', 'langfuse_', 'langfuse']) {
    if (env.startsWith(prefix)) {
      env = env.slice(prefix.length);
      break;
    }
  }
  env = env.slice(0, 40);
  lastRawEnvironment = raw;
  lastEnvironment = ENVIRONMENT.test(env) ? env : 'default';
  return lastEnvironment;
}
