import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, createOtlpReceiver, type Logger, type OtlpReceiver } from '@spanlight/collector';
import { createApiApp } from '../api/app.js';
import { createPromptCache } from '../prompts/index.js';
import { createObservationWriter } from '../clickhouse/index.js';
import type { Config } from '../config.js';
import { createMediaStore } from '../media/index.js';
import { ModelCatalog, defaultModels } from '../models/index.js';
import { createEntityStore, startIngestionWorker } from '../ingest/index.js';
import { createScoreWriter } from '../scores/index.js';
import { openServices, type Role } from './services.js';

export const ALL_ROLES: ReadonlySet<Role> = new Set(['collector', 'api', 'worker']);

export interface RunningSpanlight {
  /** Bound ports (useful when configured as 0); undefined for roles not running here. */
  ports: { api?: number; otlpGrpc?: number; otlpHttp?: number };
  close(): Promise<void>;
}

/**
 * Starts the given roles in this process over one set of services. With all roles and no service
 * variables set, this is the embedded one-command Spanlight.
 */
export async function startSpanlight(
  config: Config,
  roles: ReadonlySet<Role> = ALL_ROLES,
  logger: Logger = createLogger(config.env.SPANLIGHT_LOG_LEVEL),
): Promise<RunningSpanlight> {
  const { env } = config;
  const services = await openServices(config, roles, logger);
  const stops: Array<() => Promise<void>> = [];
  const ports: RunningSpanlight['ports'] = {};
  try {
    // One snapshot of model definitions per process: the collector prices with it, the API refreshes it on writes.
    const modelCatalog = services.db ? await ModelCatalog.open(services.db, { defaults: defaultModels().models, logger }) : undefined;
    if (modelCatalog) stops.push(async () => modelCatalog.close());
    let receiver: OtlpReceiver | undefined;
    if (services.keys && (roles.has('collector') || roles.has('api'))) {
      receiver = createOtlpReceiver(
        {
          host: env.SPANLIGHT_HOST,
          grpcPort: env.SPANLIGHT_OTLP_GRPC_PORT,
          httpPort: env.SPANLIGHT_OTLP_HTTP_PORT,
          maxBodyBytes: env.SPANLIGHT_OTLP_MAX_BODY_BYTES,
          maxInflight: env.SPANLIGHT_OTLP_MAX_INFLIGHT,
        },
        { keys: services.keys, blobs: services.blobs, queue: services.queue, codec: env.SPANLIGHT_BATCH_CODEC, logger, prices: modelCatalog },
      );
    }
    if (roles.has('worker') && services.clickhouse) {
      const worker = startIngestionWorker(
        {
          blobs: services.blobs,
          queue: services.queue,
          writer: createObservationWriter(services.clickhouse),
          scores: createScoreWriter(services.clickhouse),
          entities: createEntityStore(services.clickhouse),
          prices: modelCatalog,
          logger,
        },
        {
          concurrency: env.SPANLIGHT_WORKER_CONCURRENCY,
          maxRowsPerInsert: env.SPANLIGHT_INSERT_MAX_ROWS,
          lingerMs: env.SPANLIGHT_INSERT_LINGER_MS,
        },
      );
      stops.push(() => worker.close());
    }
    if (roles.has('collector') && receiver) {
      await receiver.start();
      stops.push(() => receiver.shutdown());
      ports.otlpGrpc = receiver.grpcPort;
      ports.otlpHttp = receiver.httpPort;
    }
    if (roles.has('api') && services.db && services.clickhouse && services.keys) {
      // With Redis, prompt writes invalidate every replica's cache, not only this one's.
      const promptCache = await createPromptCache({ redisUrl: env.REDIS_URL, logger });
      stops.push(() => promptCache.close());
      const media = await createMediaStore({
        dataDir: config.dataDir,
        s3: config.s3,
      });
      stops.push(() => media.close());
      const app = createApiApp({
        db: services.db,
        clickhouse: services.clickhouse,
        keys: services.keys,
        logger,
        otlpRoutes: receiver?.routes('/api/public/otel'),
        modelCatalog,
        promptCache,
        blobs: services.blobs,
        queue: services.queue,
        codec: env.SPANLIGHT_BATCH_CODEC,
        media,
      });
      const server: Server = app.listen(env.PORT, env.SPANLIGHT_HOST);
      await once(server, 'listening');
      stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      ports.api = (server.address() as AddressInfo).port;
    }
  } catch (err) {
    await stopAll(stops, services.close);
    throw err;
  }
  return { ports, close: () => stopAll(stops, services.close) };
}

/** Servers first (no new work), then the worker (drains in-flight jobs), then the services. */
async function stopAll(stops: Array<() => Promise<void>>, closeServices: () => Promise<void>): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop();
  await closeServices();
}
