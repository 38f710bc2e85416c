import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createS3Client, folderPrefix, type S3BlobConfig } from '@spanlight/collector';
import { URL_TTL_SECONDS, type MediaObject, type MediaStore, type SignedUrl } from './store.js';

/** Media live in the deployment's bucket, under `<prefix>media/`. */
export type S3MediaConfig = S3BlobConfig;

/** Media as S3 objects; the SDK uploads and readers download directly through presigned URLs. */
export class S3MediaStore implements MediaStore {
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly config: S3MediaConfig) {
    this.prefix = `${folderPrefix(config.prefix)}media/`;
    this.client = createS3Client(config);
  }

  async uploadUrl(object: MediaObject): Promise<SignedUrl> {
    const command = new PutObjectCommand({
      Bucket: this.config.bucket,
      Key: this.prefix + object.bucketPath,
      ContentType: object.contentType,
      ContentLength: object.contentLength,
      ChecksumSHA256: object.sha256Hash,
    });
    // Signing type, length and checksum as headers makes S3 refuse an upload that differs from the declaration.
    const url = await getSignedUrl(this.client, command, {
      expiresIn: URL_TTL_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length']),
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
    });
    return { url, expiresAt: expiry() };
  }

  async downloadUrl(object: MediaObject): Promise<SignedUrl> {
    const command = new GetObjectCommand({ Bucket: this.config.bucket, Key: this.prefix + object.bucketPath });
    return { url: await getSignedUrl(this.client, command, { expiresIn: URL_TTL_SECONDS }), expiresAt: expiry() };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function expiry(): Date {
  return new Date(Date.now() + URL_TTL_SECONDS * 1000);
}
