import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type RunningService } from '../helpers/services.js';
import { apiSend, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import { mediaBody, uploadBytes, uploadMedia } from './client.js';

/** With a bucket configured, the SDK uploads and readers download directly from S3 via presigned URLs. */
let s3: RunningService;
let spanlight: TestSpanlight;

beforeAll(async () => {
  s3 = await startS3('spanlight-media');
  spanlight = await startTestSpanlight({
    SPANLIGHT_S3_BUCKET: 'spanlight-media',
    SPANLIGHT_S3_ENDPOINT: s3.url,
    SPANLIGHT_S3_PREFIX: 'deploy',
    SPANLIGHT_S3_ACCESS_KEY_ID: 'S3RVER',
    SPANLIGHT_S3_SECRET_ACCESS_KEY: 'S3RVER',
    SPANLIGHT_S3_FORCE_PATH_STYLE: 'true',
  });
});

afterAll(async () => {
  await spanlight?.close();
  await s3?.stop();
});

describe('media API, S3 store', () => {
  it('uploads to a presigned S3 URL and downloads the same bytes from the presigned GET url', async () => {
    const bytes = randomBytes(2048);
    const created = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(bytes, { contentType: 'application/pdf' }));
    const uploadUrl = new URL(created.body.uploadUrl);
    expect(uploadUrl.origin).toBe(s3.url);
    expect(uploadUrl.pathname).toMatch(new RegExp(`^/spanlight-media/deploy/media/[^/]+/${created.body.mediaId}$`));
    const put = await uploadBytes(created.body.uploadUrl, bytes, 'application/pdf');
    expect(put.status).toBe(200);
    await apiSend(spanlight.apiUrl, 'PATCH', `/api/public/media/${created.body.mediaId}`, { uploadedAt: new Date().toISOString(), uploadHttpStatus: 200 });
    const got = await apiSend(spanlight.apiUrl, 'GET', `/api/public/media/${created.body.mediaId}`);
    expect(got.body).toMatchObject({ mediaId: created.body.mediaId, contentType: 'application/pdf', contentLength: 2048 });
    expect(new URL(got.body.url).origin).toBe(s3.url);
    const download = await fetch(got.body.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('deduplicates by content hash', async () => {
    const bytes = randomBytes(300);
    const mediaId = await uploadMedia(spanlight.apiUrl, bytes);
    const again = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(bytes));
    expect(again.body).toEqual({ uploadUrl: null, mediaId });
  });

  // s3rver does not enforce signed headers; real S3 does, so signing them is what makes it refuse other content.
  it('signs the declared type, length and checksum into the presigned upload URL', async () => {
    const created = await apiSend(spanlight.apiUrl, 'POST', '/api/public/media', mediaBody(randomBytes(128)));
    const signed = new URL(created.body.uploadUrl).searchParams.get('X-Amz-SignedHeaders')?.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-length', 'content-type', 'x-amz-checksum-sha256']));
  });
});
