import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendGenAiTrace } from '../helpers/genai-trace.js';
import { spawnSpanlight, stopProcess, type SpanlightProcess } from '../helpers/process.js';
import { startPostgres, startRedis, startS3, type RunningService } from '../helpers/services.js';
import { apiGet, basicAuthHeader, eventually, startTestSpanlight, testEnv, type TestSpanlight } from '../helpers/spanlight.js';

/**
 * Distributed mode: the collector in its own process, the API and worker in another, sharing real
 * Postgres, Redis (BullMQ) and an S3-protocol server. ClickHouse is chdb through the same client code
 * (no ClickHouse server can be installed on these machines), so the API and worker share a process.
 */
const services: RunningService[] = [];
let collector: SpanlightProcess;
let backend: TestSpanlight;

beforeAll(async () => {
  const [postgres, redis, s3] = await Promise.all([startPostgres(), startRedis(), startS3('spanlight')]);
  services.push(postgres, redis, s3);
  const shared = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SPANLIGHT_S3_BUCKET: 'spanlight',
    SPANLIGHT_S3_ENDPOINT: s3.url,
    SPANLIGHT_S3_PREFIX: 'batches/',
    SPANLIGHT_S3_ACCESS_KEY_ID: 'S3RVER',
    SPANLIGHT_S3_SECRET_ACCESS_KEY: 'S3RVER',
    SPANLIGHT_S3_FORCE_PATH_STYLE: 'true',
    SPANLIGHT_BATCH_CODEC: 'gzip',
  };
  backend = await startTestSpanlight(shared, new Set(['api', 'worker']));
  collector = await spawnSpanlight(await testEnv(shared), ['collector']);
});

afterAll(async () => {
  if (collector) await stopProcess(collector.child, 'SIGTERM');
  await backend?.close();
  for (const service of services.reverse()) await service.stop();
});

describe('distributed mode', () => {
  it('carries a trace from the collector process through S3 and BullMQ to the API', async () => {
    const exporter = new OTLPTraceExporter({
      url: `${collector.otlpHttpUrl}/v1/traces`,
      headers: { authorization: basicAuthHeader() },
    });
    const traceId = await sendGenAiTrace(exporter, 'distributed');
    const trace = await eventually(async () => {
      const { status, body } = await apiGet(backend.apiUrl, `/api/public/traces/${traceId}`);
      return status === 200 && body.observations.length === 4 ? body : undefined;
    });
    expect(trace).toMatchObject({ id: traceId, userId: 'user-42', sessionId: 'session-distributed' });
    const generation = trace.observations.find((o: any) => o.type === 'GENERATION');
    expect(generation.usageDetails).toEqual({ input: 12, output: 5, total: 17 });
  });

  it('refuses to run a lone role on embedded services, naming what to set', async () => {
    await expect(spawnSpanlight(await testEnv(), ['worker'])).rejects.toThrow(/REDIS_URL.*SPANLIGHT_S3_BUCKET.*CLICKHOUSE_URL/s);
  });
});
