import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { encodeTraceResponse } from './codec.js';
import { signalTypes } from './proto.js';

describe('encodeTraceResponse', () => {
  const responseType = signalTypes('trace').response;
  const partial = { rejectedSpans: 3, errorMessage: '3 spans had no trace id' };

  it('writes ExportTraceServiceResponse protobuf that protobufjs and the OTel exporter read back', () => {
    const bytes = encodeTraceResponse(partial, 'protobuf');
    expect(responseType.toObject(responseType.decode(bytes), { longs: String })).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: '3 spans had no trace id' },
    });
    expect(ProtobufTraceSerializer.deserializeResponse(bytes).partialSuccess).toMatchObject(partial);
    const empty = encodeTraceResponse(undefined, 'protobuf');
    expect(empty.length).toBe(0);
    expect(responseType.toObject(responseType.decode(empty))).toEqual({});
  });

  it('writes the OTLP/JSON mapping with int64 as a string', () => {
    expect(JSON.parse(encodeTraceResponse(partial, 'json').toString())).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: '3 spans had no trace id' },
    });
    expect(encodeTraceResponse(undefined, 'json').toString()).toBe('{}');
  });
});
