import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  createBuffer,
  type BatchQueue,
  type BlobStore,
  type BufferConfig,
  type Logger,
} from '@spanlight/collector';
import type { Kysely } from 'kysely';
import { migrateClickHouse, openClickHouse } from '../clickhouse/index.js';
import { ConfigError, type Config } from '../config.js';
import {
  createApiKeyVerifier,
  ensureProjectKey,
  migratePostgres,
  openDatabase,
  type Database,
} from '../postgres/index.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export type Role = 'collector' | 'api' | 'worker';

export interface Services {
  /** Postgres, for roles that read metadata (collector, api). */
  db?: Kysely<Database>;
  keys?: ReturnType<typeof createApiKeyVerifier>;
  /** ClickHouse, for roles that write or read traces (worker, api). */
  clickhouse?: ClickHouseClient;
  blobs: BlobStore;
  queue: BatchQueue;
  close(): Promise<void>;
}

/**
 * Opens what the given roles need, each service real when its variable is set and embedded otherwise,
 * and runs the migrations. Embedded services live in one process, so a process that runs only some
 * roles must be given real shared services (checked first, naming every missing variable).
 */
export async function openServices(config: Config, roles: ReadonlySet<Role>, logger: Logger): Promise<Services> {
  requireSharedServices(config, roles);
  const { env, dataDir } = config;
  await mkdir(dataDir, { recursive: true });
  const closers: Array<() => Promise<unknown>> = [];
  const closeAll = async (): Promise<void> => {
    // Reverse order of opening: the queue before the stores it points into.
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const services: Omit<Services, 'blobs' | 'queue' | 'close'> = {};
    if (roles.has('collector') || roles.has('api')) {
      let databaseUrl = env.DATABASE_URL;
      if (!databaseUrl) {
        const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), logger });
        closers.push(() => pg.stop());
        databaseUrl = pg.url;
      }
      const db = openDatabase(databaseUrl);
      closers.push(() => db.destroy());
      await migratePostgres(db, logger);
      if (config.initKey) await ensureProjectKey(db, config.initKey);
      services.db = db;
      services.keys = createApiKeyVerifier(db);
    }
    if (roles.has('worker') || roles.has('api')) {
      const clickhouse = openClickHouse({
        url: env.CLICKHOUSE_URL,
        username: env.CLICKHOUSE_USER,
        password: env.CLICKHOUSE_PASSWORD,
        database: env.CLICKHOUSE_DB,
        dataDir: path.join(dataDir, 'clickhouse'),
      });
      closers.push(() => clickhouse.close());
      await migrateClickHouse(clickhouse, logger);
      services.clickhouse = clickhouse;
    }
    const { blobs, queue } = await createBuffer(bufferConfigOf(config), logger);
    closers.push(() => blobs.close(), () => queue.close());
    return { ...services, blobs, queue, close: closeAll };
  } catch (err) {
    await closeAll().catch(() => undefined);
    throw err;
  }
}

function bufferConfigOf({ env, dataDir, s3 }: Config): BufferConfig {
  return {
    dataDir,
    codec: env.SPANLIGHT_BATCH_CODEC,
    redisUrl: env.REDIS_URL,
    queueName: 'spanlight-ingestion',
    maxAttempts: 8,
    backoffMs: 1000,
    s3,
  };
}

/** A process running only some roles shares state with the others through real services. */
function requireSharedServices({ env }: Config, roles: ReadonlySet<Role>): void {
  if (roles.size === 3) return;
  const missing: string[] = [];
  if (!env.REDIS_URL) missing.push('REDIS_URL');
  if (!env.SPANLIGHT_S3_BUCKET) missing.push('SPANLIGHT_S3_BUCKET');
  if ((roles.has('collector') || roles.has('api')) && !env.DATABASE_URL) missing.push('DATABASE_URL');
  // The embedded ClickHouse can serve one process only: the worker and the API must then share it.
  const chdbShared = roles.has('worker') && roles.has('api');
  if ((roles.has('worker') || roles.has('api')) && !chdbShared && !env.CLICKHOUSE_URL) missing.push('CLICKHOUSE_URL');
  if (missing.length > 0) {
    throw new ConfigError(
      `running only the ${[...roles].join(' and ')} role(s) needs shared services, since embedded ones live in one process; set ${missing.join(', ')}`,
    );
  }
}
