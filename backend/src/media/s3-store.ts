import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { URL_TTL_SECONDS, type MediaObject, type MediaStore, type SignedUrl } from './store.js';

export interface S3MediaConfig {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  /** The deployment's S3 prefix; media go under `<prefix>media/`. */
  prefix: string;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle: boolean;
}

/** Media as S3 objects; the SDK uploads and readers download directly through presigned URLs. */
export class S3MediaStore implements MediaStore {
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly config: S3MediaConfig) {
    const base = config.prefix === '' || config.prefix.endsWith('/') ? config.prefix : `${config.prefix}/`;
    this.prefix = `${base}media/`;
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      forcePathStyle: config.forcePathStyle,
      ...(config.accessKeyId !== undefined && config.secretAccessKey !== undefined
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
      // The SDK's default CRC32 checksums are not understood by many S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
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
