import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSend, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import { mediaBody, sha256Base64, uploadBytes, uploadMedia } from './client.js';

/** Embedded mode: media files under the data dir, uploaded and downloaded through token-checked API URLs. */
let spanlight: TestSpanlight;

beforeAll(async () => {
  spanlight = await startTestSpanlight();
});

afterAll(async () => {
  await spanlight?.close();
});

describe('media API, embedded store', () => {
  it('uploads through the returned URL and serves the same bytes from the GET url', async () => {
    const bytes = randomBytes(4096);
    const mediaId = await uploadMedia(spanlight.apiUrl, bytes);
    const got = await apiSend(spanlight.apiUrl, 'GET', `/api/public/media/${mediaId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ mediaId, contentType: 'image/png', contentLength: 4096 });
    expect(new Date(got.body.urlExpiry).getTime()).toBeGreaterThan(Date.now());
    expect(got.body.url.startsWith(spanlight.apiUrl)).toBe(true);
    const download = await fetch(got.body.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await stat(path.join(spanlight.dataDir, 'media', '.secret'))).mode & 0o777).toBe(0o600);
  });

  it('answers uploadUrl null for content the project already uploaded', async () => {
    const bytes = randomBytes(100);
    const mediaId = await uploadMedia(spanlight.apiUrl, bytes);
    const again = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(bytes, { traceId: 'trace-2', observationId: 'obs-1' }));
    expect(again).toEqual({ status: 200, body: { uploadUrl: null, mediaId } });
  });

  it('hands out a fresh upload URL for the same media while no upload has succeeded', async () => {
    const bytes = randomBytes(64);
    const first = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(bytes));
    const second = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(bytes));
    expect(second.body.mediaId).toBe(first.body.mediaId);
    expect(second.body.uploadUrl).toEqual(expect.any(String));
    expect((await apiSend(spanlight.apiUrl, 'GET', `/api/public/media/${first.body.mediaId}`)).status).toBe(404);
  });

  it('rejects uploads whose content or length differ from the declaration, keeping nothing', async () => {
    const declared = randomBytes(256);
    const created = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(declared));
    const other = randomBytes(256);
    // Header claims the declared hash, body is other content: the server hashes what it receives.
    expect((await uploadBytes(created.body.uploadUrl, other, 'image/png', sha256Base64(declared))).status).toBe(400);
    expect((await uploadBytes(created.body.uploadUrl, other)).status).toBe(400);
    expect((await uploadBytes(created.body.uploadUrl, declared.subarray(0, 200), 'image/png', sha256Base64(declared))).status).toBe(400);
    expect((await uploadBytes(created.body.uploadUrl, Buffer.concat([declared, Buffer.from('x')]), 'image/png', sha256Base64(declared))).status).toBe(400);
    const kept = await readdir(path.join(spanlight.dataDir, 'media'), { recursive: true });
    expect(kept.filter((name) => name.endsWith(created.body.mediaId) || name.includes('.tmp-'))).toEqual([]);
    expect((await uploadBytes(created.body.uploadUrl, declared)).status).toBe(200);
  });

  it('refuses upload and download URLs with a missing, forged or mismatched token', async () => {
    const bytes = randomBytes(32);
    const a = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(bytes));
    const b = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(randomBytes(32)));
    const urlA = new URL(a.body.uploadUrl);
    const tokenA = urlA.searchParams.get('token')!;
    const base = `${spanlight.apiUrl}/api/public/media`;
    expect((await uploadBytes(`${base}/${a.body.mediaId}/upload`, bytes)).status).toBe(403);
    expect((await uploadBytes(`${base}/${a.body.mediaId}/upload?token=${tokenA.slice(0, -2)}xx`, bytes)).status).toBe(403);
    expect((await uploadBytes(`${base}/${b.body.mediaId}/upload?token=${encodeURIComponent(tokenA)}`, bytes)).status).toBe(403);
    // An upload token does not grant download.
    expect((await fetch(`${base}/${a.body.mediaId}/content?token=${encodeURIComponent(tokenA)}`)).status).toBe(403);
    expect((await uploadBytes(a.body.uploadUrl, bytes)).status).toBe(200);
  });

  it('answers 404 for unknown media and 401 without API keys', async () => {
    expect((await apiSend(spanlight.apiUrl, 'GET', '/api/public/media/nope')).status).toBe(404);
    const patch = { uploadedAt: new Date().toISOString(), uploadHttpStatus: 200 };
    expect((await apiSend(spanlight.apiUrl, 'PATCH', '/api/public/media/nope', patch)).status).toBe(404);
    expect((await fetch(`${spanlight.apiUrl}/api/public/media/nope`)).status).toBe(401);
    const res = await fetch(`${spanlight.apiUrl}/api/public/media`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('validates the POST body', async () => {
    const bytes = randomBytes(8);
    for (const bad of [{ contentType: 'image/x-unknown' }, { sha256Hash: 'abc' }, { contentLength: 0 }, { field: undefined }]) {
      expect((await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(bytes, bad))).status).toBe(400);
    }
  });
});
