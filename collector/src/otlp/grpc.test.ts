import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLogsRequest, decodeMetricsRequest, decodeTraceRequest } from './codec.js';
import { logsServiceDefinition, metricsServiceDefinition, traceServiceDefinition } from './grpc.js';
import { signalTypes } from './proto.js';

/** Raw request bytes of each signal, encoded by protobufjs from the normalized shape's own field names. */
const requests = {
  trace: signalTypes('trace').request.encode({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'a' }, { name: 'b' }] }] }] }).finish(),
  logs: signalTypes('logs').request.encode({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ severityText: 'x' }] }] }] }).finish(),
  metrics: signalTypes('metrics').request.encode({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'm' }] }] }] }).finish(),
};

describe('gRPC service definitions', () => {
  const server = new grpc.Server();
  let address = '';

  beforeAll(async () => {
    // Each handler decodes the raw bytes itself and answers with a partial success counting what it saw.
    server.addService(traceServiceDefinition, {
      Export: (call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const spans = decodeTraceRequest(call.request, 'protobuf').resourceSpans![0]!.scopeSpans![0]!.spans!;
        callback(null, { rejectedSpans: spans.length, errorMessage: spans.map((s) => s.name).join(',') });
      },
    });
    server.addService(logsServiceDefinition, {
      Export: (call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const records = decodeLogsRequest(call.request, 'protobuf').resourceLogs![0]!.scopeLogs![0]!.logRecords!;
        callback(null, { rejectedLogRecords: records.length, errorMessage: records[0]!.severityText! });
      },
    });
    server.addService(metricsServiceDefinition, {
      Export: (call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        decodeMetricsRequest(call.request, 'protobuf');
        callback(null, undefined);
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) =>
        err ? reject(err) : resolve(bound),
      ),
    );
    address = `127.0.0.1:${port}`;
  });

  afterAll(() => {
    server.forceShutdown();
  });

  async function call(definition: grpc.ServiceDefinition, body: Uint8Array): Promise<unknown> {
    const Client = grpc.makeGenericClientConstructor(definition, 'OtlpService');
    const client = new Client(address, grpc.credentials.createInsecure());
    try {
      return await new Promise((resolve, reject) =>
        (client as unknown as Record<string, Function>)['Export']!.call(client, Buffer.from(body), (err: unknown, res: unknown) =>
          err ? reject(err) : resolve(res),
        ),
      );
    } finally {
      client.close();
    }
  }

  it('serves TraceService/Export with raw bytes in and the partial success out', async () => {
    expect(traceServiceDefinition.Export.path).toBe('/opentelemetry.proto.collector.trace.v1.TraceService/Export');
    expect(await call(traceServiceDefinition, requests.trace)).toEqual({ rejectedSpans: 2, errorMessage: 'a,b' });
  });

  it('serves LogsService/Export and MetricsService/Export', async () => {
    expect(logsServiceDefinition.Export.path).toBe('/opentelemetry.proto.collector.logs.v1.LogsService/Export');
    expect(metricsServiceDefinition.Export.path).toBe('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export');
    expect(await call(logsServiceDefinition, requests.logs)).toEqual({ rejectedLogRecords: 1, errorMessage: 'x' });
    expect(await call(metricsServiceDefinition, requests.metrics)).toBeUndefined();
  });
});
