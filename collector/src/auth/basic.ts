export type BasicCredentials =
  | { ok: true; publicKey: string; secretKey: string }
  | { ok: false; reason: 'missing' | 'malformed' };

/** Parses `Basic base64(publicKey:secretKey)`, the Langfuse key pair as HTTP header or gRPC metadata. */
export function parseBasicAuth(header: string | undefined): BasicCredentials {
  if (!header) return { ok: false, reason: 'missing' };
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return { ok: false, reason: 'malformed' };
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return { ok: false, reason: 'malformed' };
  return { ok: true, publicKey: decoded.slice(0, colon), secretKey: decoded.slice(colon + 1) };
}
