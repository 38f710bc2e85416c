import { createHash } from 'node:crypto';
import { apiSend } from '../helpers/spanlight.js';

export const sha256Base64 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64');

/** A request to the public API as the test project; returns status and parsed body (if any). */
export function mediaBody(bytes: Buffer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { traceId: 'trace-1', field: 'input', contentType: 'image/png', contentLength: bytes.length, sha256Hash: sha256Base64(bytes), ...extra };
}

/** PUT the bytes the way the Langfuse SDKs do. */
export async function uploadBytes(url: string, bytes: Buffer, contentType = 'image/png', hash = sha256Base64(bytes)): Promise<Response> {
  return fetch(url, { method: 'PUT', body: bytes, headers: { 'content-type': contentType, 'x-amz-checksum-sha256': hash } });
}

/** POST, PUT, PATCH: the SDK's full upload; returns the media id. */
export async function uploadMedia(apiUrl: string, bytes: Buffer, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await apiSend(apiUrl, 'POST', '/api/public/media', mediaBody(bytes, extra));
  if (created.status !== 200) throw new Error(`POST /media answered ${created.status}: ${JSON.stringify(created.body)}`);
  const put = await uploadBytes(created.body.uploadUrl, bytes);
  if (put.status !== 200) throw new Error(`upload answered ${put.status}: ${await put.text()}`);
  const patched = await apiSend(apiUrl, 'PATCH', `/api/public/media/${created.body.mediaId}`, {
    uploadedAt: new Date().toISOString(),
    uploadHttpStatus: put.status,
    uploadHttpError: '',
    uploadTimeMs: 5,
  });
  if (patched.status !== 204) throw new Error(`PATCH answered ${patched.status}`);
  return created.body.mediaId;
}
