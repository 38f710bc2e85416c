import { readFileSync } from 'node:fs';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { CollectorError } from '../errors.js';
import { decodeTraceRequest } from './codec.js';
import type { Span } from './types.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

/** Real SDK spans: a server parent and its client child with every attribute kind, an event, a link and an error status. */
function sdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'service.version': 3 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('codec-test', '1.2.3');
  const parent = tracer.startSpan('invoke_agent', { kind: SpanKind.SERVER, startTime: [1_700_000_000, 5] });
  const child = tracer.startSpan(
    'chat gpt-4o',
    {
      kind: SpanKind.CLIENT,
      startTime: [1_700_000_001, 123_456_789],
      attributes: { 's': 'v', 'i': 42, 'd': 0.25, 'b': true, 'strs': ['a', 'b'], 'ints': [1, 2] },
      links: [{ context: parent.spanContext(), attributes: { why: 'retry' } }],
    },
    trace.setSpan(ROOT_CONTEXT, parent),
  );
  child.addEvent('gen_ai.choice', { index: 0 }, [1_700_000_001, 500]);
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end([1_700_000_002, 0]);
  parent.end([1_700_000_003, 0]);
  const spans = exporter.getFinishedSpans();
  // The SDK drops map and byte attributes; the OTLP serializers encode them, so inject them to cover kvlist/bytes.
  const withExtras = Object.create(spans[0]!) as ReadableSpan;
  Object.defineProperty(withExtras, 'attributes', {
    value: { ...spans[0]!.attributes, kv: { nested: false, n: 7 }, raw: new Uint8Array([1, 2, 3]) },
  });
  return [withExtras, spans[1]!];
}

function serialize(spans: ReadableSpan[]): { protobuf: Buffer; json: Buffer } {
  return {
    protobuf: Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!),
    json: Buffer.from(JsonTraceSerializer.serializeRequest(spans)!),
  };
}

function onlySpans(request: ReturnType<typeof decodeTraceRequest>): Span[] {
  return request.resourceSpans!.flatMap((rs) => rs.scopeSpans!.flatMap((ss) => ss.spans!));
}

describe('decodeTraceRequest with real SDK exports', () => {
  const spans = sdkSpans();
  const bodies = serialize(spans);

  it('decodes protobuf and JSON to the same normalized object', () => {
    expect(decodeTraceRequest(bodies.protobuf, 'protobuf')).toEqual(decodeTraceRequest(bodies.json, 'json'));
  });

  for (const encoding of ['protobuf', 'json'] as const) {
    it(`carries ids, times, attributes, events, links and status (${encoding})`, () => {
      const request = decodeTraceRequest(bodies[encoding], encoding);
      const resource = request.resourceSpans![0]!.resource!;
      expect(resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'checkout' } });
      expect(resource.attributes).toContainEqual({ key: 'service.version', value: { intValue: '3' } });
      expect(request.resourceSpans![0]!.scopeSpans![0]!.scope).toMatchObject({ name: 'codec-test', version: '1.2.3' });

      const [child, parent] = onlySpans(request);
      const sdkChild = spans[0]!.spanContext();
      const sdkParent = spans[1]!.spanContext();
      expect(child).toMatchObject({
        traceId: sdkChild.traceId,
        spanId: sdkChild.spanId,
        parentSpanId: sdkParent.spanId,
        name: 'chat gpt-4o',
        kind: 3,
        startTimeUnixNano: '1700000001123456789',
        endTimeUnixNano: '1700000002000000000',
        status: { code: 2, message: 'boom' },
      });
      expect(child!.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(child!.attributes).toEqual([
        { key: 's', value: { stringValue: 'v' } },
        { key: 'i', value: { intValue: '42' } },
        { key: 'd', value: { doubleValue: 0.25 } },
        { key: 'b', value: { boolValue: true } },
        { key: 'strs', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
        { key: 'ints', value: { arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }] } } },
        {
          key: 'kv',
          value: {
            kvlistValue: {
              values: [
                { key: 'nested', value: { boolValue: false } },
                { key: 'n', value: { intValue: '7' } },
              ],
            },
          },
        },
        { key: 'raw', value: { bytesValue: 'AQID' } },
      ]);
      expect(child!.events).toEqual([
        {
          timeUnixNano: '1700000001000000500',
          name: 'gen_ai.choice',
          attributes: [{ key: 'index', value: { intValue: '0' } }],
          droppedAttributesCount: 0,
        },
      ]);
      expect(child!.links).toEqual([
        {
          traceId: sdkParent.traceId,
          spanId: sdkParent.spanId,
          traceState: '',
          attributes: [{ key: 'why', value: { stringValue: 'retry' } }],
          droppedAttributesCount: 0,
          flags: expect.any(Number),
        },
      ]);
      expect(parent).toMatchObject({
        traceId: sdkChild.traceId,
        spanId: sdkParent.spanId,
        parentSpanId: '',
        kind: 2,
        startTimeUnixNano: '1700000000000000005',
      });
      expect(parent!.status).toEqual({ message: '', code: 0 });
    });
  }
});

describe('decodeTraceRequest with hand-written OTLP/JSON', () => {
  it('accepts ints as numbers, enum names, special doubles and unknown keys', () => {
    const [span] = onlySpans(decodeTraceRequest(fixture('trace-handwritten.json'), 'json'));
    expect(span).toEqual({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      traceState: '',
      parentSpanId: '',
      flags: 257,
      name: 'chat gpt-4o',
      kind: 3,
      startTimeUnixNano: '1544712660000000000',
      endTimeUnixNano: '1544712661000000000',
      attributes: [
        { key: 's', value: { stringValue: 'v' } },
        { key: 'i', value: { intValue: '42' } },
        { key: 'big', value: { intValue: '9007199254740993' } },
        { key: 'd', value: { doubleValue: 0.5 } },
        { key: 'inf', value: { doubleValue: Number.POSITIVE_INFINITY } },
        { key: 'b', value: { boolValue: true } },
        { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } } },
        { key: 'kv', value: { kvlistValue: { values: [{ key: 'nested', value: { boolValue: false } }] } } },
        { key: 'raw', value: { bytesValue: 'AQID' } },
        { key: 'empty', value: {} },
      ],
      droppedAttributesCount: 1,
      events: [
        {
          timeUnixNano: '1544712660500000000',
          name: 'gen_ai.choice',
          attributes: [{ key: 'index', value: { intValue: '0' } }],
          droppedAttributesCount: 0,
        },
      ],
      droppedEventsCount: 0,
      links: [
        {
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: 'b7ad6b7169203331',
          traceState: 'k=v',
          attributes: [{ key: 'why', value: { stringValue: 'retry' } }],
          droppedAttributesCount: 0,
          flags: 0,
        },
      ],
      droppedLinksCount: 0,
      status: { message: 'boom', code: 2 },
    });
  });

  it('accepts the original snake_case field names', () => {
    expect(decodeTraceRequest(fixture('trace-snake-case.json'), 'json')).toEqual(
      decodeTraceRequest(fixture('trace-handwritten.json'), 'json'),
    );
  });

  it('decodes an empty object and an empty protobuf body to an empty request', () => {
    expect(decodeTraceRequest(Buffer.from('{}'), 'json')).toEqual({ resourceSpans: [] });
    expect(decodeTraceRequest(Buffer.alloc(0), 'protobuf')).toEqual({ resourceSpans: [] });
  });
});

describe('malformed requests', () => {
  const cases: [string, Buffer, 'protobuf' | 'json', RegExp][] = [
    ['truncated protobuf', Buffer.from([0x0a, 0x05, 0x01]), 'protobuf', /invalid protobuf ExportTraceServiceRequest/],
    ['protobuf with an invalid wire type', Buffer.from([0x17, 0x00, 0x00]), 'protobuf', /invalid protobuf.*wire type/],
    ['invalid JSON', Buffer.from('{"resourceSpans": ['), 'json', /invalid JSON in ExportTraceServiceRequest/],
    ['a JSON array', Buffer.from('[]'), 'json', /expected an object, got an array/],
    ['resourceSpans not an array', Buffer.from('{"resourceSpans": 5}'), 'json', /resourceSpans: expected an array, got number 5/],
    [
      'a bad time deep inside',
      Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x"},{"startTimeUnixNano":"soon"}]}]}]}'),
      'json',
      /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.startTimeUnixNano: expected an integer/,
    ],
    [
      'an unknown enum name',
      Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":"SPAN_KIND_SIDEWAYS"}]}]}]}'),
      'json',
      /spans\[0\]\.kind: unknown enum value "SPAN_KIND_SIDEWAYS"/,
    ],
    [
      'an attribute value of the wrong type',
      Buffer.from('{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":1}}]}}]}'),
      'json',
      /resource\.attributes\[0\]\.value\.stringValue: expected a string/,
    ],
  ];
  for (const [name, body, encoding, message] of cases) {
    it(`rejects ${name} with invalid_argument`, () => {
      let thrown: unknown;
      try {
        decodeTraceRequest(body, encoding);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(CollectorError);
      expect((thrown as CollectorError).code).toBe('invalid_argument');
      expect((thrown as CollectorError).message).toMatch(message);
    });
  }

  it('leaves span semantics (id lengths) to the mapper', () => {
    const body = Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"ABC","spanId":""}]}]}]}');
    expect(onlySpans(decodeTraceRequest(body, 'json'))[0]).toMatchObject({ traceId: 'abc', spanId: '' });
  });
});
