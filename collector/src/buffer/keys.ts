import { randomUUID } from 'node:crypto';

/**
 * The key of one batch object: `otel/<projectId>/<yyyy-mm-dd>/<hh>/<uuid>.jsonl` (UTC).
 * Date and hour prefixes keep listings of a bucket or folder browsable; the UUID makes it unique.
 */
export function batchKey(projectId: string, receivedAt: number): string {
  const iso = new Date(receivedAt).toISOString();
  return `otel/${sanitizeSegment(projectId)}/${iso.slice(0, 10)}/${iso.slice(11, 13)}/${randomUUID()}.jsonl`;
}

/** One path segment safe as a file name and an S3 key: no separators, no dots-only names, bounded length. */
function sanitizeSegment(value: string): string {
  const safe = value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128);
  return safe === '' ? '_' : safe;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** True for keys that map to a path inside the store's folder (relative, no '..', no odd characters). */
export function isSafeKey(key: string): boolean {
  return key.length > 0 && key.length <= 1024 && key.split('/').every((s) => SAFE_SEGMENT.test(s));
}
