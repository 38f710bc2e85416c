import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './token.js';

describe('media upload tokens', () => {
  const secret = randomBytes(32);
  const later = new Date(Date.now() + 60_000);

  it('accepts a token for the same media id and method before expiry', () => {
    expect(verifyToken(secret, signToken(secret, 'm1', 'PUT', later), 'm1', 'PUT')).toBe(true);
  });

  it('rejects another media id, another method, another secret, tampering and expiry', () => {
    const token = signToken(secret, 'm1', 'PUT', later);
    expect(verifyToken(secret, token, 'm2', 'PUT')).toBe(false);
    expect(verifyToken(secret, token, 'm1', 'GET')).toBe(false);
    expect(verifyToken(randomBytes(32), token, 'm1', 'PUT')).toBe(false);
    const [expiry, sig] = token.split('.');
    expect(verifyToken(secret, `${Number(expiry) + 1}.${sig}`, 'm1', 'PUT')).toBe(false);
    expect(verifyToken(secret, signToken(secret, 'm1', 'PUT', new Date(Date.now() - 1000)), 'm1', 'PUT')).toBe(false);
    expect(verifyToken(secret, 'garbage', 'm1', 'PUT')).toBe(false);
  });
});
