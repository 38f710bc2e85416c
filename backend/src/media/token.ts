import { createHmac, timingSafeEqual } from 'node:crypto';
import type { UploadMethod } from './store.js';

/** `<expiry epoch seconds>.<HMAC-SHA256(secret, method|mediaId|expiry) base64url>`. */
export function signToken(secret: Buffer, mediaId: string, method: UploadMethod, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  return `${expiry}.${mac(secret, mediaId, method, expiry)}`;
}

export function verifyToken(secret: Buffer, token: string, mediaId: string, method: UploadMethod, now = new Date()): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expiry = Number(match[1]);
  if (expiry * 1000 < now.getTime()) return false;
  const expected = Buffer.from(mac(secret, mediaId, method, expiry));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function mac(secret: Buffer, mediaId: string, method: UploadMethod, expiry: number): string {
  return createHmac('sha256', secret).update(`${method}|${mediaId}|${expiry}`).digest('base64url');
}
