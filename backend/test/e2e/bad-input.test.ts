import { gzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthHeader, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight({ SPANLIGHT_OTLP_MAX_BODY_BYTES: String(64 * 1024) });
});
afterAll(async () => {
  await spanlight?.close();
});

const validJson = JSON.stringify({
  resourceSpans: [
    {
      scopeSpans: [
        {
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b174',
              name: 'ok',
              startTimeUnixNano: '1700000000000000000',
              endTimeUnixNano: '1700000001000000000',
            },
          ],
        },
      ],
    },
  ],
});

async function post(body: Buffer | string, headers: Record<string, string>) {
  const res = await fetch(`${spanlight.otlpHttpUrl}/v1/traces`, { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get('content-type') };
}

const json = { 'content-type': 'application/json' };
const auth = () => ({ authorization: basicAuthHeader() });

describe('OTLP/HTTP rejects bad input with the right status and keeps serving', () => {
  it.each([
    ['malformed protobuf', () => post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), { ...auth(), 'content-type': 'application/x-protobuf' }), 400],
    ['malformed JSON', () => post('{"resourceSpans": [', { ...auth(), ...json }), 400],
    ['JSON of the wrong shape', () => post('{"resourceSpans": 5}', { ...auth(), ...json }), 400],
    ['wrong content type', () => post(validJson, { ...auth(), 'content-type': 'text/plain' }), 415],
    ['unsupported content encoding', () => post(validJson, { ...auth(), ...json, 'content-encoding': 'br' }), 415],
    ['invalid gzip', () => post('not gzip', { ...auth(), ...json, 'content-encoding': 'gzip' }), 400],
    ['oversized body', () => post('x'.repeat(65 * 1024), { ...auth(), ...json }), 413],
    ['gzip bomb (small body, oversized once inflated)', () => post(gzipSync(Buffer.alloc(1024 * 1024, 0x20)), { ...auth(), ...json, 'content-encoding': 'gzip' }), 413],
    ['missing key', () => post(validJson, json), 401],
    ['wrong secret', () => post(validJson, { ...json, authorization: basicAuthHeader({ publicKey: 'pk-lf-test-public', secretKey: 'sk-lf-wrong' }) }), 401],
    ['malformed authorization', () => post(validJson, { ...json, authorization: 'Basic !!!' }), 401],
  ])('%s → %i', async (_label, send, expected) => {
    const { status, text, type } = await send();
    expect(status).toBe(expected);
    // The body is a google.rpc.Status in the request's encoding; its message is readable either way.
    const message = type === 'application/json' ? (JSON.parse(text) as { message: string }).message : text;
    expect(message).toMatch(/[a-z]{4,} [a-z]{2,}/i);
  });

  it('still accepts a valid request afterwards', async () => {
    const { status, text } = await post(validJson, { ...auth(), ...json });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({});
  });

  it('reports invalid spans as partial success and keeps the rest', async () => {
    const request = JSON.parse(validJson);
    request.resourceSpans[0].scopeSpans[0].spans.push({ traceId: 'zz', spanId: 'eee19b7ec3c1b175', name: 'bad', startTimeUnixNano: '1' });
    const { status, text } = await post(JSON.stringify(request), { ...auth(), ...json });
    expect(status).toBe(200);
    const body = JSON.parse(text);
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/trace ?id/i);
  });

  it('answers an unknown path with 404', async () => {
    const res = await fetch(`${spanlight.otlpHttpUrl}/v1/nope`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('OTLP/gRPC maps failures to gRPC status codes', () => {
  const Client = grpc.makeGenericClientConstructor(
    {
      Export: {
        path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: (b: Buffer) => b,
        requestDeserialize: (b: Buffer) => b,
        responseSerialize: (b: Buffer) => b,
        responseDeserialize: (b: Buffer) => b,
      },
    },
    'TraceService',
  );

  function exportRaw(body: Buffer, authorization?: string): Promise<grpc.ServiceError | null> {
    const client = new Client(spanlight.otlpGrpcUrl.replace('http://', ''), grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    if (authorization) metadata.set('authorization', authorization);
    return new Promise((resolve) => {
      (client as any).Export(body, metadata, (err: grpc.ServiceError | null) => {
        client.close();
        resolve(err);
      });
    });
  }

  it('UNAUTHENTICATED without a key or with a wrong one', async () => {
    expect((await exportRaw(Buffer.alloc(0)))?.code).toBe(grpc.status.UNAUTHENTICATED);
    const wrong = basicAuthHeader({ publicKey: 'pk-lf-nope', secretKey: 'sk-lf-nope' });
    expect((await exportRaw(Buffer.alloc(0), wrong))?.code).toBe(grpc.status.UNAUTHENTICATED);
  });

  it('INVALID_ARGUMENT for malformed protobuf', async () => {
    const err = await exportRaw(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), basicAuthHeader());
    expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('RESOURCE_EXHAUSTED for a message over the limit', async () => {
    const err = await exportRaw(Buffer.alloc(65 * 1024, 0), basicAuthHeader());
    expect(err?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });

  it('OK for an empty (valid) request', async () => {
    expect(await exportRaw(Buffer.alloc(0), basicAuthHeader())).toBeNull();
  });
});
