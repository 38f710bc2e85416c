import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** The repo's proto/ folder; the same relative hop works from collector/src/otlp and collector/dist/otlp. */
const PROTO_DIR = fileURLToPath(new URL('../../../proto/', import.meta.url));

const SERVICE_FILES = [
  'opentelemetry/proto/collector/trace/v1/trace_service.proto',
  'opentelemetry/proto/collector/logs/v1/logs_service.proto',
  'opentelemetry/proto/collector/metrics/v1/metrics_service.proto',
];

export type OtlpSignal = 'trace' | 'logs' | 'metrics';

export interface SignalTypes {
  request: protobuf.Type;
  response: protobuf.Type;
}

const TYPE_NAMES: Record<OtlpSignal, { request: string; response: string }> = {
  trace: { request: 'ExportTraceServiceRequest', response: 'ExportTraceServiceResponse' },
  logs: { request: 'ExportLogsServiceRequest', response: 'ExportLogsServiceResponse' },
  metrics: { request: 'ExportMetricsServiceRequest', response: 'ExportMetricsServiceResponse' },
};

let root: protobuf.Root | undefined;
const cache = new Map<OtlpSignal, SignalTypes>();

/** The OTLP schema, parsed from the .proto files on first use and shared by the whole process. */
export function otlpRoot(): protobuf.Root {
  if (root === undefined) {
    const loaded = new protobuf.Root();
    loaded.resolvePath = (_origin, target) => path.join(PROTO_DIR, target);
    loaded.loadSync(SERVICE_FILES);
    loaded.resolveAll();
    root = loaded;
  }
  return root;
}

export function signalTypes(signal: OtlpSignal): SignalTypes {
  let types = cache.get(signal);
  if (types === undefined) {
    const names = TYPE_NAMES[signal];
    const pkg = `opentelemetry.proto.collector.${signal}.v1`;
    types = {
      request: otlpRoot().lookupType(`${pkg}.${names.request}`),
      response: otlpRoot().lookupType(`${pkg}.${names.response}`),
    };
    cache.set(signal, types);
  }
  return types;
}
