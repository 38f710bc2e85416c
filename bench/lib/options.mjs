// Command line of bench/ingest.mjs.
import path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: node bench/ingest.mjs [options]
  --transport grpc|http|both   (default both)
  --concurrency N              requests in flight (default 8)
  --duration S                 seconds of sending per phase (default 20)
  --rate N                     spans/s in the latency phase (default 2000)
  --seed N  --corpus-batches N --batch-size N   corpus (default 42, 64, 512)
  --drain-timeout S            max wait for the read API to catch up (default 120)
  --max-requests N             request cap per phase (default 100000)
  --startup-timeout S          max wait for Spanlight to start (default 180)
  --keep-data                  keep the spawned Spanlight's temp data dir
  --out DIR                    results folder (default bench/results)
  Existing Spanlight instead of spawning one (all required, plus the endpoints of the chosen transports):
  --api-url URL (…/api/public) --grpc HOST:PORT --http URL (…/v1/traces) --public-key PK --secret-key SK [--pid PID]`;

/** Command-line options, validated (throws with the usage text). */
export function parseOptions(benchDir) {
  const { values } = parseArgs({
    options: {
      transport: { type: 'string', default: 'both' },
      concurrency: { type: 'string', default: '8' },
      duration: { type: 'string', default: '20' },
      rate: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '42' },
      'corpus-batches': { type: 'string', default: '64' },
      'batch-size': { type: 'string', default: '512' },
      'drain-timeout': { type: 'string', default: '120' },
      'max-requests': { type: 'string', default: '100000' },
      'startup-timeout': { type: 'string', default: '180' },
      'keep-data': { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(benchDir, 'results') },
      'api-url': { type: 'string' },
      grpc: { type: 'string' },
      http: { type: 'string' },
      'public-key': { type: 'string' },
      'secret-key': { type: 'string' },
      pid: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name, min, max) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name} must be a number in [${min}, ${max}]\n${USAGE}`);
    return v;
  };
  if (!['grpc', 'http', 'both'].includes(values.transport)) throw new Error(`--transport must be grpc, http or both\n${USAGE}`);
  const transports = values.transport === 'both' ? ['grpc', 'http'] : [values.transport];
  const external = Boolean(values['api-url'] || values.grpc || values.http);
  if (external) {
    const missing = ['api-url', 'public-key', 'secret-key', ...transports].filter((k) => !values[k]);
    if (missing.length > 0) throw new Error(`an existing Spanlight also needs --${missing.join(', --')}\n${USAGE}`);
  }
  return {
    transports,
    external,
    concurrency: num('concurrency', 1, 256),
    durationS: num('duration', 1, 3600),
    rate: num('rate', 1, 1_000_000),
    seed: num('seed', 0, 2 ** 32 - 1),
    corpusBatches: num('corpus-batches', 1, 4096),
    batchSize: num('batch-size', 1, 100_000),
    drainTimeoutS: num('drain-timeout', 1, 3600),
    maxRequests: num('max-requests', 1, 10_000_000),
    startupTimeoutS: num('startup-timeout', 5, 3600),
    keepData: values['keep-data'],
    out: path.resolve(values.out),
    apiUrl: values['api-url'],
    grpc: values.grpc,
    http: values.http,
    publicKey: values['public-key'] ?? 'pk-lf-bench-0001',
    secretKey: values['secret-key'] ?? 'sk-lf-bench-secret-0001',
    pid: values.pid ? Number(values.pid) : undefined,
  };
}
