export { LocalMediaStore } from './local-store.js';
export { createMediaStore } from './factory.js';
export { mediaRoutes } from './routes.js';
export { S3MediaStore, type S3MediaConfig } from './s3-store.js';
export { MEDIA_CONTENT_TYPES } from './schemas.js';
export type { CreateMediaBody, CreateMediaResponse, GetMediaResponse, PatchMediaBody } from './schemas.js';
export type { LocalMediaFiles, MediaObject, MediaStore, SignedUrl } from './store.js';
export { mediaTokenRoutes } from './token-routes.js';
