import { z } from 'zod';

const port = z.number().int().min(0).max(65_535);

/** Settings of the OTLP receiver (gRPC and HTTP). Port 0 picks a free port (tests). */
export const otlpReceiverConfig = z.object({
  /** Interface both servers bind. @default '0.0.0.0' */
  host: z.string().min(1).default('0.0.0.0'),
  /** OTLP/gRPC port. @default 4317 */
  grpcPort: port.default(4317),
  /** OTLP/HTTP port (`POST /v1/traces`). @default 4318 */
  httpPort: port.default(4318),
  /**
   * Largest accepted request, in bytes, both as received and after gzip decompression
   * (so a small compressed body cannot expand without bound). @default 32 MiB
   */
  maxBodyBytes: z.number().int().positive().default(32 * 1024 * 1024),
  /**
   * Export requests being stored at once; beyond it clients get 429 / RESOURCE_EXHAUSTED and retry
   * with backoff, which keeps memory bounded when the blob store slows down. @default 64
   */
  maxInflight: z.number().int().positive().default(64),
});
export type OtlpReceiverConfig = z.infer<typeof otlpReceiverConfig>;
