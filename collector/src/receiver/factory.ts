import { otlpReceiverConfig, type OtlpReceiverConfig } from './config.js';
import { OtlpReceiver, type OtlpReceiverDeps } from './receiver.js';

export function createDefaultOtlpReceiverConfig(): OtlpReceiverConfig {
  return otlpReceiverConfig.parse({});
}

/** Validates the config (all problems at once, with their key paths) and builds the receiver. */
export function createOtlpReceiver(config: Partial<OtlpReceiverConfig>, deps: OtlpReceiverDeps): OtlpReceiver {
  return new OtlpReceiver(otlpReceiverConfig.parse(config), deps);
}
