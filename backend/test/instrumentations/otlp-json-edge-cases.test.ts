import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, basicAuthHeader, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import { readTrace } from './harness.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const nowNanos = () => `${BigInt(Date.now()) * 1_000_000n}`;

/** Posts a hand-written OTLP/JSON request (ids hex, int64 as decimal strings) to the OTLP HTTP port. */
async function postOtlpJson(spans: object[], scopeName = 'hand-written'): Promise<{ status: number; body: any }> {
  const request = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'edge-case-service' } }] },
        scopeSpans: [{ scope: { name: scopeName, version: '0.1.0' }, spans }],
      },
    ],
  };
  const res = await fetch(`${spanlight.otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basicAuthHeader() },
    body: JSON.stringify(request),
  });
  return { status: res.status, body: await res.json() };
}

function span(traceId: string, name: string, attributes: object[], parentSpanId?: string): object {
  const start = nowNanos();
  return { traceId, spanId: hex(8), parentSpanId, name, kind: 1, startTimeUnixNano: start, endTimeUnixNano: start, attributes };
}

describe('hand-written OTLP/JSON edge cases', () => {
  it('keeps every AnyValue kind in metadata.attributes', async () => {
    const traceId = hex(16);
    const attributes = [
      { key: 'edge.string', value: { stringValue: 'plain text' } },
      { key: 'edge.int', value: { intValue: '42' } },
      { key: 'edge.int.negative', value: { intValue: '-7' } },
      { key: 'edge.int.beyond_double', value: { intValue: '9007199254740993' } },
      { key: 'edge.double', value: { doubleValue: 3.25 } },
      { key: 'edge.bool', value: { boolValue: true } },
      { key: 'edge.bool.false', value: { boolValue: false } },
      { key: 'edge.array', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }, { boolValue: false }] } } },
      {
        key: 'edge.kvlist',
        value: { kvlistValue: { values: [{ key: 'inner', value: { stringValue: 'x' } }, { key: 'nested', value: { kvlistValue: { values: [{ key: 'n', value: { doubleValue: 1.5 } }] } } }] } },
      },
      { key: 'edge.bytes', value: { bytesValue: Buffer.from([0, 1, 2, 255]).toString('base64') } },
      { key: 'edge.empty', value: {} },
    ];
    const sent = await postOtlpJson([span(traceId, 'every-anyvalue', attributes)]);
    expect(sent).toMatchObject({ status: 200 });
    expect(sent.body.partialSuccess?.rejectedSpans ?? 0).toBe(0);

    const trace = await readTrace(spanlight.apiUrl, traceId);
    const [observation] = trace.observations;
    expect(observation).toMatchObject({ type: 'SPAN', name: 'every-anyvalue' });
    expect(observation.metadata.attributes).toEqual({
      'edge.string': 'plain text',
      'edge.int': 42,
      'edge.int.negative': -7,
      'edge.int.beyond_double': '9007199254740993',
      'edge.double': 3.25,
      'edge.bool': true,
      'edge.bool.false': false,
      'edge.array': ['a', 2, false],
      'edge.kvlist': { inner: 'x', nested: { n: 1.5 } },
      'edge.bytes': 'AAEC/w==',
      'edge.empty': null,
    });
    expect(observation.metadata.resourceAttributes).toMatchObject({ 'service.name': 'edge-case-service' });
    expect(observation.metadata.scope).toMatchObject({ name: 'hand-written', version: '0.1.0' });
  });

  it('stores a span of an unknown convention as a SPAN with its attributes in metadata', async () => {
    const traceId = hex(16);
    const attributes = [
      { key: 'acme.pipeline.step', value: { stringValue: 'rerank-candidates' } },
      { key: 'acme.candidates', value: { intValue: '12' } },
      { key: 'http.route', value: { stringValue: '/search' } },
    ];
    await postOtlpJson([span(traceId, 'acme.step', attributes)], 'acme-internal-tracer');

    const trace = await readTrace(spanlight.apiUrl, traceId);
    const [observation] = trace.observations;
    expect(observation).toMatchObject({
      type: 'SPAN', name: 'acme.step', model: null, input: null, output: null, level: 'DEFAULT', parentObservationId: null,
    });
    expect(observation.metadata.attributes).toEqual({ 'acme.pipeline.step': 'rerank-candidates', 'acme.candidates': 12, 'http.route': '/search' });
    expect(trace.name).toBe('acme.step');
  });

  it('stores empty spans (no attributes, and no name) under their parent', async () => {
    const traceId = hex(16);
    const root = span(traceId, 'empty-root', []) as { spanId: string };
    const child = { ...span(traceId, '', [], root.spanId), attributes: undefined, endTimeUnixNano: undefined };
    const sent = await postOtlpJson([root, child]);
    expect(sent.body.partialSuccess?.rejectedSpans ?? 0).toBe(0);

    const trace = await readTrace(spanlight.apiUrl, traceId, 2);
    const stored = trace.observations.find((o: any) => o.id !== root.spanId);
    expect(stored).toMatchObject({
      type: 'SPAN', name: null, endTime: null, latency: null, parentObservationId: root.spanId, input: null, output: null, usageDetails: {},
    });
    expect(stored.metadata.attributes).toEqual({});
  });

  it('rejects a span with an invalid trace id through partial_success and stores its valid sibling', async () => {
    const traceId = hex(16);
    const sent = await postOtlpJson([span('00000000000000000000000000000000', 'bad-id', []), span(traceId, 'good-id', [])]);
    expect(sent.status).toBe(200);
    expect(sent.body.partialSuccess).toMatchObject({ rejectedSpans: '1' });
    await eventually(async () => {
      const { body } = await apiGet(spanlight.apiUrl, `/api/public/observations?traceId=${traceId}`);
      return body.data?.length === 1 ? body : undefined;
    });
  });
});
