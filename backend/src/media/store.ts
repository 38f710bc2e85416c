/** One media object as the stores see it: where it lives and what the uploader declared. */
export interface MediaObject {
  mediaId: string;
  /** Key relative to the store's root (`<projectId>/<mediaId>`). */
  bucketPath: string;
  contentType: string;
  contentLength: number;
  /** Base64 SHA-256 of the content. */
  sha256Hash: string;
}

export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

export type UploadMethod = 'PUT' | 'GET';

export type WriteResult = { ok: true } | { ok: false; reason: 'too_large' | 'length_mismatch' | 'hash_mismatch' };

/** Files kept by this process (embedded mode), served by the token-checked upload/content routes. */
export interface LocalMediaFiles {
  verifyToken(token: string, mediaId: string, method: UploadMethod): boolean;
  /** Streams `body` to the object's file, keeping it only if length and hash match the declaration. */
  write(object: MediaObject, body: AsyncIterable<Buffer>): Promise<WriteResult>;
  /** The file's path, or undefined when nothing was uploaded. */
  locate(bucketPath: string): Promise<string | undefined>;
}

/** Where media bytes go: URLs for the SDK to PUT to and for readers to GET from. */
export interface MediaStore {
  /** `origin` is this API's public base URL (the local store's URLs point back at it). */
  uploadUrl(object: MediaObject, origin: string): Promise<SignedUrl>;
  downloadUrl(object: MediaObject, origin: string): Promise<SignedUrl>;
  /** Present for the local store only. */
  readonly local?: LocalMediaFiles;
  close(): Promise<void>;
}

/** How long signed upload and download URLs stay valid. */
export const URL_TTL_SECONDS = 3600;
