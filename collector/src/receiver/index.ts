export { otlpReceiverConfig } from './config.js';
export type { OtlpReceiverConfig } from './config.js';
export { createDefaultOtlpReceiverConfig, createOtlpReceiver } from './factory.js';
export { OtlpReceiver } from './receiver.js';
export type { OtlpReceiverDeps } from './receiver.js';
