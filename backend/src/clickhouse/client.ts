import {
  createClient,
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
  type ClickHouseSettings,
} from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { z } from 'zod';

/** Where ClickHouse lives: a server when `url` is set, else the embedded engine (chdb) in `dataDir`. */
export const clickHouseConfig = z.object({
  url: z.string().url().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  /** Server database (created by migrateClickHouse if missing); the embedded engine uses `default`. */
  database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  dataDir: z.string().min(1),
});
export type ClickHouseConfig = z.infer<typeof clickHouseConfig>;

/**
 * Settings applied to every query so a server and chdb answer in the same shapes: integers as JSON
 * numbers, DateTime64 as `YYYY-MM-DD hh:mm:ss.ffffff` in UTC (the repositories convert to ISO).
 */
const CLIENT_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
  date_time_output_format: 'simple',
  session_timezone: 'UTC',
};

/** Server database to create before migrating, per client (the client itself can't run without it). */
const serverTargets = new WeakMap<ClickHouseClient, ServerTarget>();
interface ServerTarget {
  url: string;
  username?: string;
  password?: string;
  database: string;
}

/**
 * Opens ClickHouse. The embedded engine binds one data directory per process (chdb), so a process
 * opens it once and shares the client.
 */
export function openClickHouse(config: ClickHouseConfig): ClickHouseClient {
  const { url, username, password, database, dataDir } = clickHouseConfig.parse(config);
  if (!url) {
    // chdb types the connection against its own copy of @clickhouse/client-common: same contract, other declarations.
    const connection = createChdbConnection({ path: dataDir }) as unknown as ClickHouseClientConfigOptions['connection'];
    return createClient({ connection, clickhouse_settings: CLIENT_SETTINGS });
  }
  const client = createClient({ url, username, password, database, clickhouse_settings: CLIENT_SETTINGS });
  if (database && database !== 'default') serverTargets.set(client, { url, username, password, database });
  return client;
}

/**
 * Creates the configured server database if it is missing, through a short-lived client without a
 * database (a server refuses every query on a client bound to a database that doesn't exist yet).
 */
export async function ensureServerDatabase(client: ClickHouseClient): Promise<string | undefined> {
  const target = serverTargets.get(client);
  if (!target) return undefined;
  const bootstrap = createClient({ url: target.url, username: target.username, password: target.password });
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS \`${target.database}\`` });
  } finally {
    await bootstrap.close();
  }
  return target.database;
}
