import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse } from '../../src/clickhouse/index.js';
import { apiGet, basicAuthHeader, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import { SEVERITY_WARN, TRANSPORTS, sendGenAiMetrics, telemetry } from './signals.js';

let spanlight: TestSpanlight;
let clickhouse: ClickHouseClient;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
  clickhouse = openClickHouse({ dataDir: path.join(spanlight.dataDir, 'clickhouse') });
});
afterAll(async () => {
  await spanlight?.close();
});

async function select<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
  const result = await clickhouse.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

describe.each(Object.entries(TRANSPORTS))('OTLP logs over %s', (label, transport) => {
  it('attaches GenAI events sent before and after the span, and stores other records as EVENT observations', async () => {
    const t = telemetry(spanlight, transport.logs(spanlight));
    const llm = t.tracer.startSpan(`chat ${label}`, {
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini' },
    });
    const { traceId, spanId } = llm.spanContext();

    // Before the span: the prompt messages, stored before the span exists.
    t.emit(llm, 'gen_ai.system.message', { content: 'You are terse.' });
    t.emit(llm, 'gen_ai.user.message', { content: `Weather in Paris? (${label})` });
    await t.flush();
    await eventually(async () => {
      const rows = await select<{ n: number }>('SELECT count() AS n FROM span_log_events WHERE span_id = {spanId: String}', { spanId });
      return rows[0]!.n === 2 ? true : undefined;
    });

    llm.end();
    await t.flush();
    // After the span: the choice, and an ordinary record in the span's context.
    t.emit(llm, 'gen_ai.choice', { index: 0, finish_reason: 'stop', message: { content: 'Sunny.' } });
    t.emit(llm, 'retry.scheduled', { attempt: 2 }, SEVERITY_WARN);
    await t.flush();
    await t.shutdown();

    const traceBody = await eventually(async () => {
      const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`);
      const generation = body?.observations?.find((o: any) => o.id === spanId);
      return status === 200 && body.observations.length === 2 && generation?.output ? body : undefined;
    });
    const generation = traceBody.observations.find((o: any) => o.id === spanId);
    expect(generation).toMatchObject({ type: 'GENERATION', model: 'gpt-4o-mini' });
    expect(generation.input).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: `Weather in Paris? (${label})` },
    ]);
    expect(generation.output).toEqual({ index: 0, finish_reason: 'stop', message: { content: 'Sunny.' } });

    const event = traceBody.observations.find((o: any) => o.type === 'EVENT');
    expect(event).toMatchObject({ name: 'retry.scheduled', parentObservationId: spanId, level: 'WARNING', input: { attempt: 2 } });

    const single = await apiGet(spanlight.apiUrl, `/api/public/observations/${spanId}`);
    expect(single.body.input).toEqual(generation.input);
    expect(single.body.output).toEqual(generation.output);
  });
});

describe.each(Object.entries(TRANSPORTS))('OTLP metrics over %s', (label, transport) => {
  it('stores the data points', async () => {
    const runId = label.replace(/\W+/g, '-');
    await sendGenAiMetrics(transport.metrics(spanlight), runId);
    type Point = { name: string; type: string; unit: string; count: number | null; sum: number | null; value: number | null; token: string };
    const points = await eventually(async () => {
      const rows = await select<Point>(
        `SELECT name, type, unit, count, sum, value, attributes['gen_ai.token.type'] AS token FROM metric_points FINAL
         WHERE project_id != '' AND attributes['run'] = {runId: String} ORDER BY name, token`,
        { runId },
      );
      return rows.length === 4 ? rows : undefined;
    });
    expect(points).toEqual([
      { name: 'gen_ai.client.operation.duration', type: 'histogram', unit: 's', count: 1, sum: 0.75, value: null, token: '' },
      { name: 'gen_ai.client.token.usage', type: 'histogram', unit: '{token}', count: 1, sum: 12, value: null, token: 'input' },
      { name: 'gen_ai.client.token.usage', type: 'histogram', unit: '{token}', count: 1, sum: 5, value: null, token: 'output' },
      { name: 'requests', type: 'sum', unit: '', count: null, sum: null, value: 3, token: '' },
    ]);
  });
});

describe('records and requests the receiver cannot fully accept', () => {
  it('reports log records without trace context in partial_success', async () => {
    const record = (traceId: string, spanId: string) => ({
      timeUnixNano: String(Date.now() * 1e6),
      severityNumber: 9,
      body: { stringValue: 'hello' },
      traceId,
      spanId,
    });
    const res = await fetch(`${spanlight.otlpHttpUrl}/v1/logs`, {
      method: 'POST',
      headers: { authorization: basicAuthHeader(), 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceLogs: [{ scopeLogs: [{ logRecords: [record('', ''), record('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331')] }] }],
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    expect(Number(body.partialSuccess.rejectedLogRecords)).toBe(1);
    expect(body.partialSuccess.errorMessage).toMatch(/trace_id/);
  });

  it('refuses unauthenticated logs and metrics', async () => {
    for (const p of ['/v1/logs', '/v1/metrics']) {
      const res = await fetch(`${spanlight.otlpHttpUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(401);
    }
  });
});
