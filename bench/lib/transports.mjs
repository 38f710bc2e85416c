// OTLP senders for pre-serialized ExportTraceServiceRequest bytes. Each send resolves to a value:
// { ok: true, rejected } | { ok: false, retryable, reason, retryAfterMs? } — never throws.
import http from 'node:http';
import grpc from '@grpc/grpc-js';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';

const EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const REQUEST_TIMEOUT_MS = 60_000;
const identity = (b) => b;

export function basicAuth(publicKey, secretKey) {
  return `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;
}

function rejectedIn(body) {
  if (!body || body.length === 0) return 0;
  try {
    return Number(ProtobufTraceSerializer.deserializeResponse(body).partialSuccess?.rejectedSpans ?? 0);
  } catch {
    return 0;
  }
}

/** OTLP/gRPC over one channel (one HTTP/2 connection, like the OTel exporters), raw-bytes codec. */
export function createGrpcSender(target, authorization) {
  const Client = grpc.makeGenericClientConstructor(
    {
      Export: {
        path: EXPORT_PATH,
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    'TraceService',
  );
  const client = new Client(target, grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': -1,
    'grpc.max_receive_message_length': -1,
  });
  const metadata = new grpc.Metadata();
  metadata.set('authorization', authorization);
  return {
    name: 'grpc',
    send: (bytes) =>
      new Promise((resolve) => {
        client.Export(bytes, metadata, { deadline: Date.now() + REQUEST_TIMEOUT_MS }, (err, response) => {
          if (!err) return resolve({ ok: true, rejected: rejectedIn(response) });
          const retryable = err.code === grpc.status.RESOURCE_EXHAUSTED || err.code === grpc.status.UNAVAILABLE;
          resolve({ ok: false, retryable, reason: `gRPC ${grpc.status[err.code] ?? err.code}: ${err.details ?? err.message}` });
        });
      }),
    close: () => client.close(),
  };
}

/** OTLP/HTTP protobuf over keep-alive connections, at most `concurrency` sockets. */
export function createHttpSender(url, authorization, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const send = (bytes) =>
    new Promise((resolve) => {
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: { 'content-type': 'application/x-protobuf', 'content-length': bytes.length, authorization },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('error', (e) => resolve({ ok: false, retryable: false, reason: `HTTP response: ${e.message}` }));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            const status = res.statusCode ?? 0;
            if (status === 200) return resolve({ ok: true, rejected: rejectedIn(body) });
            const retryable = status === 429 || status === 502 || status === 503 || status === 504;
            const retryAfter = Number(res.headers['retry-after']);
            resolve({
              ok: false,
              retryable,
              retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
              reason: `HTTP ${status}: ${body.toString('utf8', 0, Math.min(body.length, 200))}`,
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', (e) => resolve({ ok: false, retryable: false, reason: `HTTP request: ${e.message}` }));
      req.end(bytes);
    });
  return { name: 'http', send, close: () => agent.destroy() };
}
