// Child process for the crash test: starts the embedded Postgres, reports its URL, then waits to be killed.
import { startEmbeddedPostgres } from '../../runtime/embedded-postgres.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: start-embedded.ts <dataDir>');
const server = await startEmbeddedPostgres({ dataDir });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
setInterval(() => undefined, 60_000);
