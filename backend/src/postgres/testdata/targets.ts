import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres.js';

/** A Postgres server the suites run against: always an embedded one, plus DATABASE_URL when set (CI). */
export interface PgTarget {
  name: string;
  skip: boolean;
  /** Starts (or reaches) the server and returns a URL to it. */
  setup(): Promise<string>;
  teardown(): Promise<void>;
}

export function pgTargets(): PgTarget[] {
  let dir: string | undefined;
  let stop: (() => Promise<void>) | undefined;
  const external = process.env.DATABASE_URL;
  return [
    {
      name: 'embedded',
      skip: false,
      async setup() {
        dir = await mkdtemp(path.join(tmpdir(), 'spanlight-pg-'));
        const server = await startEmbeddedPostgres({ dataDir: dir });
        stop = server.stop;
        return server.url;
      },
      async teardown() {
        await stop?.();
        if (dir) await rm(dir, { recursive: true, force: true });
      },
    },
    {
      name: 'DATABASE_URL',
      skip: !external,
      setup: async () => external ?? '',
      teardown: async () => undefined,
    },
  ];
}

/** An empty database on the target's server, so suites never see each other's rows or migrations. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `spanlight_test_${randomUUID().replaceAll('-', '')}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
