import path from 'node:path';
import { LocalMediaStore } from './local-store.js';
import { S3MediaStore, type S3MediaConfig } from './s3-store.js';
import type { MediaStore } from './store.js';

/** S3 when the deployment has a bucket (replicas share it), else files under `<dataDir>/media/`. */
export async function createMediaStore(options: { dataDir: string; s3?: S3MediaConfig | undefined }): Promise<MediaStore> {
  if (options.s3) return new S3MediaStore(options.s3);
  return LocalMediaStore.open(path.join(options.dataDir, 'media'));
}
