import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';

export const PUBLIC_KEY_PREFIX = 'pk-lf-';
export const SECRET_KEY_PREFIX = 'sk-lf-';
// Generated keys are prefix + uuid (42 chars); predefined ones get some slack either way.
const MIN_KEY_BODY = 8;
const MAX_KEY_LENGTH = 200;
const KEY_BODY = /^[A-Za-z0-9_-]+$/;

export interface KeyPair {
  publicKey: string;
  secretKey: string;
}

/** A fresh Langfuse-style pair: `pk-lf-<uuid>` / `sk-lf-<uuid>`. */
export function generateKeyPair(): KeyPair {
  return { publicKey: `${PUBLIC_KEY_PREFIX}${randomUUID()}`, secretKey: `${SECRET_KEY_PREFIX}${randomUUID()}` };
}

/** The only form of a secret that is stored or used as a cache key. */
export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey, 'utf8').digest('hex');
}

/** `sk-lf-...abcd`, as Langfuse shows it: prefix plus the last four characters. */
export function displaySecretKey(secretKey: string): string {
  return `${secretKey.slice(0, SECRET_KEY_PREFIX.length)}...${secretKey.slice(-4)}`;
}

/** Constant-time comparison of two sha256 hex digests. */
export function sameHash(storedHex: string, candidateHex: string): boolean {
  const a = Buffer.from(storedHex, 'hex');
  const b = Buffer.from(candidateHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** Throws `invalid_request` naming the problem (never echoing the secret). */
export function assertValidKeyPair(pair: KeyPair): void {
  checkKey('public key', pair.publicKey, PUBLIC_KEY_PREFIX);
  checkKey('secret key', pair.secretKey, SECRET_KEY_PREFIX);
}

function checkKey(what: string, key: string, prefix: string): void {
  const body = key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
  if (body === undefined) throw new ApiError('invalid_request', `The ${what} must start with "${prefix}"`);
  if (key.length > MAX_KEY_LENGTH || body.length < MIN_KEY_BODY || !KEY_BODY.test(body)) {
    throw new ApiError(
      'invalid_request',
      `The ${what} must be "${prefix}" followed by ${MIN_KEY_BODY} to ${MAX_KEY_LENGTH - prefix.length} letters, digits, "-" or "_"`,
    );
  }
}
