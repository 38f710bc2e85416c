import { Metadata } from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_MESSAGES, OUTPUT_MESSAGES, sendGenAiTrace } from '../helpers/genai-trace.js';
import { apiGet, basicAuthHeader, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const exporters: Record<string, () => SpanExporter> = {
  'gRPC (gzip)': () => {
    const metadata = new Metadata();
    metadata.set('authorization', basicAuthHeader());
    return new GrpcExporter({ url: spanlight.otlpGrpcUrl, metadata, compression: 'gzip' as never });
  },
  'HTTP/protobuf on the OTLP port': () =>
    new ProtoExporter({ url: `${spanlight.otlpHttpUrl}/v1/traces`, headers: { authorization: basicAuthHeader() } }),
  'HTTP/JSON (gzip) on the API port': () =>
    new JsonExporter({
      url: `${spanlight.apiUrl}/api/public/otel/v1/traces`,
      headers: { authorization: basicAuthHeader() },
      compression: 'gzip' as never,
    }),
};

describe.each(Object.entries(exporters))('a stock OTel exporter over %s', (label, makeExporter) => {
  it('stores the nested GenAI trace, readable through the public API', async () => {
    const runId = label.replace(/\W+/g, '-');
    const traceId = await sendGenAiTrace(makeExporter(), runId);

    const trace = await eventually(async () => {
      const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`);
      return status === 200 && body.observations.length === 4 ? body : undefined;
    });

    expect(trace).toMatchObject({
      id: traceId,
      name: `request ${runId}`,
      userId: 'user-42',
      sessionId: `session-${runId}`,
      release: null,
      version: '1.2.3',
      environment: 'default',
    });
    expect(trace.tags.sort()).toEqual(['e2e', runId].sort());
    expect(new Date(trace.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const byName = Object.fromEntries(trace.observations.map((o: any) => [o.name, o]));
    const root = byName[`request ${runId}`];
    const agent = byName['invoke_agent weather'];
    const llm = byName['chat gpt-4o-mini'];
    const tool = byName['execute_tool get_weather'];
    expect(root).toMatchObject({ type: 'SPAN', parentObservationId: null, traceId, level: 'DEFAULT' });
    expect(agent).toMatchObject({ type: 'AGENT', parentObservationId: root.id });
    expect(llm).toMatchObject({
      type: 'GENERATION',
      parentObservationId: agent.id,
      model: 'gpt-4o-mini-2024-07-18',
      usageDetails: { input: 12, output: 5, total: 17 },
      level: 'DEFAULT',
    });
    expect(llm.modelParameters).toMatchObject({ temperature: 0.2 });
    expect(JSON.stringify(llm.input)).toContain(INPUT_MESSAGES[0]!.parts[0]!.content);
    expect(JSON.stringify(llm.output)).toContain(OUTPUT_MESSAGES[0]!.parts[0]!.content);
    expect(new Date(llm.endTime).getTime()).toBeGreaterThanOrEqual(new Date(llm.startTime).getTime());
    expect(tool).toMatchObject({ type: 'TOOL', level: 'ERROR', statusMessage: 'weather service timed out', parentObservationId: agent.id });
    expect(trace.latency).toBeGreaterThanOrEqual(0);

    const listed = await apiGet(spanlight.apiUrl, `/api/public/traces?sessionId=session-${runId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((t: any) => t.id)).toEqual([traceId]);
    expect(listed.body.data[0].observations).toHaveLength(4);
  });
});
