import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { createLogger, type ApiKeyVerifier } from '@spanlight/collector';
import Koa from 'koa';
import { basicAuth } from '../../src/api/middleware/auth.js';
import { errorMiddleware } from '../../src/api/middleware/errors.js';
import { readRoutes } from '../../src/api/routes/index.js';
import { createObservationWriter, migrateClickHouse, openClickHouse } from '../../src/clickhouse/index.js';
import { jsonEachRow } from '../../src/clickhouse/testdata/rows.js';
import { PROJECT_A, PROJECT_B, fixtureBytes, scoreRows, updateRows } from './testdata/fixtures.js';

const KEYS: Record<string, { secret: string; projectId: string }> = {
  'pk-lf-a': { secret: 'sk-lf-a', projectId: PROJECT_A },
  'pk-lf-b': { secret: 'sk-lf-b', projectId: PROJECT_B },
};

/** The narrow key-check interface, over two fixed key pairs. */
const keys: ApiKeyVerifier = {
  async verify(publicKey, secretKey) {
    const key = KEYS[publicKey];
    return key && key.secret === secretKey ? { projectId: key.projectId, publicKey } : null;
  },
};

export interface ReadApi {
  clickhouse: ClickHouseClient;
  /** GET a path as project 'a' or 'b'; returns status and parsed JSON body. */
  get(project: 'a' | 'b' | null, pathAndQuery: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** chdb in a temp dir, migrated and loaded with the fixtures through the writer, behind the real middleware. */
export async function startReadApi(): Promise<ReadApi> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'spanlight-read-api-'));
  const clickhouse = openClickHouse({ dataDir: dir });
  await migrateClickHouse(clickhouse);
  const writer = createObservationWriter(clickhouse);
  await writer.insert(fixtureBytes());
  await writer.insert(jsonEachRow(updateRows));
  await clickhouse.insert({ table: 'scores', format: 'JSONEachRow', values: scoreRows });

  const app = new Koa();
  app.use(errorMiddleware(createLogger('silent')));
  app.use(basicAuth(keys));
  for (const router of readRoutes({ clickhouse })) app.use(router.routes()).use(router.allowedMethods());
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    clickhouse,
    async get(project, pathAndQuery) {
      const headers: Record<string, string> = {};
      if (project) headers.authorization = `Basic ${Buffer.from(`pk-lf-${project}:sk-lf-${project}`).toString('base64')}`;
      const response = await fetch(base + pathAndQuery, { headers });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await clickhouse.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
