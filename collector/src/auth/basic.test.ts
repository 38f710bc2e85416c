import { describe, expect, it } from 'vitest';
import { parseBasicAuth } from './basic.js';

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('parseBasicAuth', () => {
  it('splits the key pair at the first colon', () => {
    expect(parseBasicAuth(basic('pk-lf-1:sk-lf-2:x'))).toEqual({ ok: true, publicKey: 'pk-lf-1', secretKey: 'sk-lf-2:x' });
  });
  it('tells a missing header from a malformed one', () => {
    expect(parseBasicAuth(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(parseBasicAuth('Bearer abc')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseBasicAuth(basic('no-colon'))).toEqual({ ok: false, reason: 'malformed' });
    expect(parseBasicAuth(basic(':secret'))).toEqual({ ok: false, reason: 'malformed' });
  });
});
