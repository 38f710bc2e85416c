import { context, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, basicAuthHeader, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

const SPANS = 10_000;

describe('one OTLP/protobuf export of 10,000 spans', () => {
  it('stores every span, countable and pageable through the public API', async () => {
    // Record the spans first, then send them as ONE protobuf request (a batch processor would split them).
    const recorder = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(recorder)] });
    const tracer = provider.getTracer('bulk-test');
    const root = tracer.startSpan('bulk-root');
    const rootCtx = trace.setSpan(context.active(), root);
    for (let i = 1; i < SPANS; i++) {
      tracer.startSpan(`step ${i}`, { attributes: { 'bulk.index': i, 'gen_ai.operation.name': i % 2 ? 'chat' : 'execute_tool' } }, rootCtx).end();
    }
    root.end();
    const spans = recorder.getFinishedSpans();
    expect(spans).toHaveLength(SPANS);
    const traceId = root.spanContext().traceId;

    const exporter = new OTLPTraceExporter({
      url: `${spanlight.otlpHttpUrl}/v1/traces`,
      headers: { authorization: basicAuthHeader() },
      timeoutMillis: 60_000,
    });
    const result = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
    expect(result).toMatchObject({ code: ExportResultCode.SUCCESS });
    await exporter.shutdown();

    const total = await eventually(async () => {
      const { body } = await apiGet(spanlight.apiUrl, `/api/public/observations?traceId=${traceId}&limit=1`);
      return body.meta?.totalItems === SPANS ? body.meta.totalItems : undefined;
    }, 60_000);
    expect(total).toBe(SPANS);

    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const query = `traceId=${traceId}&limit=1000&fields=core${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/v2/observations?${query}`);
      expect(status).toBe(200);
      for (const o of body.data) ids.add(o.id);
      cursor = body.meta.cursor ?? undefined;
    } while (cursor);
    expect(ids.size).toBe(SPANS);
    expect(ids).toContain(root.spanContext().spanId);

    const generations = await apiGet(spanlight.apiUrl, `/api/public/observations?traceId=${traceId}&type=GENERATION&limit=1`);
    expect(generations.body.meta.totalItems).toBe(SPANS / 2);
    const traceList = await apiGet(spanlight.apiUrl, `/api/public/traces?limit=10`);
    expect(traceList.body.data.find((t: any) => t.id === traceId)).toMatchObject({ name: 'bulk-root' });
  });
});
