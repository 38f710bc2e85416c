import { z } from 'zod';

/** The MIME types Langfuse accepts for media (its `MediaContentType` enum). */
export const MEDIA_CONTENT_TYPES = [
  'image/png', 'image/jpeg', 'image/jpg', 'image/webp', 'image/gif', 'image/svg+xml', 'image/tiff', 'image/bmp',
  'image/avif', 'image/heic', 'audio/mpeg', 'audio/mp3', 'audio/wav', 'audio/ogg', 'audio/oga', 'audio/aac',
  'audio/mp4', 'audio/flac', 'audio/opus', 'audio/webm', 'video/mp4', 'video/webm', 'video/ogg', 'video/mpeg',
  'video/quicktime', 'video/x-msvideo', 'video/x-matroska', 'text/plain', 'text/html', 'text/css', 'text/csv',
  'text/markdown', 'text/x-python', 'application/javascript', 'text/x-typescript', 'application/x-yaml',
  'application/pdf', 'application/msword', 'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip', 'application/json',
  'application/xml', 'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'application/rtf',
  'application/x-ndjson', 'application/vnd.apache.parquet', 'application/gzip', 'application/x-tar',
  'application/x-7z-compressed',
] as const;

/** Langfuse's default `LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH` (1 GB). */
export const MAX_MEDIA_BYTES = 1_000_000_000;

/** Base64 of a SHA-256 digest: 44 characters. */
export const sha256Base64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'sha256Hash must be the base64 SHA-256 of the content');

export const createMediaBody = z.object({
  traceId: z.string().min(1).optional(),
  observationId: z.string().min(1).nullish(),
  datasetId: z.string().min(1).nullish(),
  datasetItemId: z.string().min(1).nullish(),
  contentType: z.enum(MEDIA_CONTENT_TYPES),
  contentLength: z.number().int().positive().max(MAX_MEDIA_BYTES),
  sha256Hash: sha256Base64,
  field: z.string().min(1),
});
export type CreateMediaBody = z.infer<typeof createMediaBody>;

export const patchMediaBody = z.object({
  uploadedAt: z.coerce.date(),
  uploadHttpStatus: z.number().int(),
  uploadHttpError: z.string().nullish(),
  uploadTimeMs: z.number().int().nonnegative().nullish(),
});
export type PatchMediaBody = z.infer<typeof patchMediaBody>;

export const mediaIdParam = z.string().min(1).max(128);

export interface CreateMediaResponse {
  uploadUrl: string | null;
  mediaId: string;
}

export interface GetMediaResponse {
  mediaId: string;
  contentType: string;
  contentLength: number;
  uploadedAt: string | null;
  url: string;
  urlExpiry: string;
}
