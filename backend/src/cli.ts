#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createLogger } from '@spanlight/collector';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createProjectWithKey, migratePostgres, openDatabase } from './postgres/index.js';
import { lockDataDir } from './runtime/data-dir-lock.js';
import { startEmbeddedPostgres } from './runtime/embedded-postgres.js';
import type { Role } from './runtime/services.js';
import { ALL_ROLES, startSpanlight } from './runtime/start.js';

const USAGE = `usage: spanlight <command>

  start                     everything in one process (embedded services unless their variables are set)
  collector | api | worker  one role, against shared Postgres, ClickHouse, Redis and S3
  start --roles api,worker  several roles in one process
  create-project --name N   create a project and print its API keys (--public-key/--secret-key to choose them)
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { roles: { type: 'string' } } });
      return serve(config, values.roles ? parseRoles(values.roles) : ALL_ROLES);
    }
    case 'collector':
    case 'api':
    case 'worker':
      return serve(config, new Set([command]));
    case 'create-project':
      return createProject(config, rest);
    default:
      process.stderr.write(USAGE);
      process.exitCode = command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

function parseRoles(list: string): Set<Role> {
  const roles = list.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !ALL_ROLES.has(r as Role));
  if (unknown.length > 0) throw new ConfigError(`unknown role(s): ${unknown.join(', ')} (use collector, api, worker)`);
  return new Set(roles as Role[]);
}

async function serve(config: Config, roles: ReadonlySet<Role>): Promise<void> {
  const logger = createLogger(config.env.SPANLIGHT_LOG_LEVEL);
  const lock = await lockDataDir(config.dataDir);
  const running = await startSpanlight(config, roles, logger);
  printBanner(config, running.ports);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    running
      .close()
      .then(() => lock.release())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error('shutdown failed', { err });
          process.exit(1);
        },
      );
  };
  // embedded-postgres installs signal hooks that stop Postgres and exit at once, racing this orderly
  // shutdown (servers, then the worker's in-flight inserts, then the stores): take the signals over.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }
}

function printBanner(config: Config, ports: { api?: number; otlpGrpc?: number; otlpHttp?: number }): void {
  const lines = ['Spanlight is running.'];
  if (ports.api !== undefined) {
    lines.push(`  API:        http://localhost:${ports.api}/api/public  (health: /api/public/health)`);
    lines.push(`  OTLP/HTTP:  http://localhost:${ports.api}/api/public/otel/v1/traces`);
  }
  if (ports.otlpHttp !== undefined) lines.push(`  OTLP/HTTP:  http://localhost:${ports.otlpHttp}/v1/traces`);
  if (ports.otlpGrpc !== undefined) lines.push(`  OTLP/gRPC:  localhost:${ports.otlpGrpc}`);
  lines.push(`  Data:       ${config.dataDir}`);
  lines.push(
    config.initKey
      ? `  API key:    ${config.initKey.publicKey} (from SPANLIGHT_INIT_PROJECT_PUBLIC_KEY)`
      : '  API key:    npm run spanlight -- create-project --name my-project',
  );
  process.stdout.write(lines.join('\n') + '\n');
}

async function createProject(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      organization: { type: 'string' },
      'public-key': { type: 'string' },
      'secret-key': { type: 'string' },
    },
  });
  if (!values.name) throw new ConfigError('create-project needs --name');
  await withDatabase(config, async (db) => {
    const created = await createProjectWithKey(db, {
      projectName: values.name!,
      organizationName: values.organization,
      publicKey: values['public-key'],
      secretKey: values['secret-key'],
    });
    process.stdout.write(
      [
        `Project ${values.name} created (id ${created.projectId}).`,
        `  Public key: ${created.publicKey}`,
        `  Secret key: ${created.secretKey}`,
        '  The secret key is shown only now; Spanlight stores just its hash.',
        '',
      ].join('\n'),
    );
  });
}

/** DATABASE_URL, else the embedded Postgres (the running Spanlight's, or started for the command). */
async function withDatabase(config: Config, run: (db: ReturnType<typeof openDatabase>) => Promise<void>): Promise<void> {
  const logger = createLogger('error');
  let stop: (() => Promise<void>) | undefined;
  let url = config.env.DATABASE_URL;
  if (!url) {
    const pg = await startEmbeddedPostgres({ dataDir: `${config.dataDir}/postgres`, logger, shared: true });
    url = pg.url;
    stop = () => pg.stop();
  }
  const db = openDatabase(url);
  try {
    await migratePostgres(db);
    await run(db);
  } finally {
    await db.destroy();
    await stop?.();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
