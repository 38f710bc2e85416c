import path from 'node:path';
import type { S3BlobConfig } from '@spanlight/collector';
import { z } from 'zod';

/** `"true"`/`"1"` and `"false"`/`"0"` from the environment, parsed once into a real boolean. */
const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const envInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * The environment of every Spanlight process, parsed once at boot. Each external service is
 * optional: when its variable is unset, the embedded equivalent is used (see README "Configuration").
 */
const envSchema = z.object({
  PORT: envInt(0, 65_535).default(3000),
  SPANLIGHT_HOST: z.string().min(1).default('0.0.0.0'),
  SPANLIGHT_OTLP_GRPC_PORT: envInt(0, 65_535).default(4317),
  SPANLIGHT_OTLP_HTTP_PORT: envInt(0, 65_535).default(4318),
  SPANLIGHT_OTLP_MAX_BODY_BYTES: envInt(1024, 1024 ** 3).default(32 * 1024 * 1024),
  SPANLIGHT_OTLP_MAX_INFLIGHT: envInt(1, 100_000).default(64),
  SPANLIGHT_DATA_DIR: z.string().min(1).default('.spanlight'),
  SPANLIGHT_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info']).default('info'),
  SPANLIGHT_BATCH_CODEC: z.enum(['none', 'gzip']).default('none'),
  SPANLIGHT_WORKER_CONCURRENCY: envInt(1, 10_000).default(64),
  SPANLIGHT_INSERT_MAX_ROWS: envInt(1, 1_000_000).default(10_000),
  SPANLIGHT_INSERT_LINGER_MS: envInt(0, 60_000).default(200),
  SPANLIGHT_INIT_PROJECT_PUBLIC_KEY: optionalString,
  SPANLIGHT_INIT_PROJECT_SECRET_KEY: optionalString,
  SPANLIGHT_INIT_PROJECT_NAME: z.string().min(1).default('default'),
  SPANLIGHT_INIT_ORG_NAME: z.string().min(1).default('default'),
  LANGFUSE_INIT_PROJECT_PUBLIC_KEY: optionalString,
  LANGFUSE_INIT_PROJECT_SECRET_KEY: optionalString,
  DATABASE_URL: optionalString,
  CLICKHOUSE_URL: optionalString,
  CLICKHOUSE_USER: optionalString,
  CLICKHOUSE_PASSWORD: optionalString,
  CLICKHOUSE_DB: z.string().min(1).default('default'),
  REDIS_URL: optionalString,
  SPANLIGHT_S3_BUCKET: optionalString,
  SPANLIGHT_S3_REGION: z.string().min(1).default('us-east-1'),
  SPANLIGHT_S3_ENDPOINT: optionalString,
  SPANLIGHT_S3_PREFIX: z.string().default(''),
  SPANLIGHT_S3_ACCESS_KEY_ID: optionalString,
  SPANLIGHT_S3_SECRET_ACCESS_KEY: optionalString,
  SPANLIGHT_S3_FORCE_PATH_STYLE: envBoolean.default(false),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  /** Absolute data folder of the embedded services (Postgres, ClickHouse, blobs, queue). */
  dataDir: string;
  /** The project key pair to create at start, from SPANLIGHT_INIT_* or Langfuse's LANGFUSE_INIT_* aliases. */
  initKey?: { publicKey: string; secretKey: string; projectName: string; organizationName: string };
  /** S3 settings for batches and media, when SPANLIGHT_S3_BUCKET is set; else local folders. */
  s3?: S3BlobConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment, reporting every invalid variable at once. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const publicKey = env.SPANLIGHT_INIT_PROJECT_PUBLIC_KEY ?? env.LANGFUSE_INIT_PROJECT_PUBLIC_KEY;
  const secretKey = env.SPANLIGHT_INIT_PROJECT_SECRET_KEY ?? env.LANGFUSE_INIT_PROJECT_SECRET_KEY;
  if ((publicKey === undefined) !== (secretKey === undefined)) {
    throw new ConfigError('invalid configuration:\n  SPANLIGHT_INIT_PROJECT_PUBLIC_KEY and _SECRET_KEY must be set together');
  }
  return {
    env,
    dataDir: path.resolve(env.SPANLIGHT_DATA_DIR),
    initKey:
      publicKey && secretKey
        ? { publicKey, secretKey, projectName: env.SPANLIGHT_INIT_PROJECT_NAME, organizationName: env.SPANLIGHT_INIT_ORG_NAME }
        : undefined,
    s3: env.SPANLIGHT_S3_BUCKET
      ? {
          bucket: env.SPANLIGHT_S3_BUCKET,
          region: env.SPANLIGHT_S3_REGION,
          endpoint: env.SPANLIGHT_S3_ENDPOINT,
          prefix: env.SPANLIGHT_S3_PREFIX,
          accessKeyId: env.SPANLIGHT_S3_ACCESS_KEY_ID,
          secretAccessKey: env.SPANLIGHT_S3_SECRET_ACCESS_KEY,
          forcePathStyle: env.SPANLIGHT_S3_FORCE_PATH_STYLE,
        }
      : undefined,
  };
}
