import { describe, expect, it } from 'vitest';
import type { ExportLogsServiceRequest, LogRecord } from '../../otlp/types.js';
import { mapLogsRequest } from './map-logs.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';
const context = { projectId: 'p1', receivedAt: Date.UTC(2026, 0, 1) };

function record(extra: Partial<LogRecord>): LogRecord {
  return { timeUnixNano: '1767225600000000000', observedTimeUnixNano: '0', traceId: TRACE, spanId: SPAN, ...extra };
}
const request = (...records: LogRecord[]): ExportLogsServiceRequest => ({
  resourceLogs: [
    { resource: { attributes: [{ key: 'deployment.environment.name', value: { stringValue: 'prod' } }] }, scopeLogs: [{ logRecords: records }] },
  ],
});

describe('mapLogsRequest', () => {
  it('keeps GenAI message and choice events for their span, in the span mapper shape', () => {
    const out = mapLogsRequest(
      request(
        record({ eventName: 'gen_ai.user.message', body: { kvlistValue: { values: [{ key: 'content', value: { stringValue: 'hi' } }] } } }),
        record({ attributes: [{ key: 'event.name', value: { stringValue: 'gen_ai.choice' } }, { key: 'index', value: { intValue: '0' } }] }),
      ),
      context,
    );
    expect(out.observations).toEqual([]);
    expect(out.logEvents.map((e) => [e.span_id, e.slot, e.part, JSON.parse(e.content)])).toEqual([
      [SPAN, 'input', true, { role: 'user', content: 'hi' }],
      [SPAN, 'output', true, { index: 0 }],
    ]);
    expect(out.logEvents[0]!.record_id).not.toBe(out.logEvents[1]!.record_id);
  });

  it('splits operation details into whole input and output values', () => {
    const messages = JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]);
    const out = mapLogsRequest(
      request(
        record({
          eventName: 'gen_ai.client.inference.operation.details',
          attributes: [
            { key: 'gen_ai.input.messages', value: { stringValue: messages } },
            { key: 'gen_ai.output.messages', value: { stringValue: '[]' } },
          ],
        }),
      ),
      context,
    );
    expect(out.logEvents.map((e) => [e.slot, e.part, e.content])).toEqual([
      ['input', false, messages],
      ['output', false, '[]'],
    ]);
  });

  it('makes other records with trace context EVENT observations under their span, with stable ids', () => {
    const req = request(record({ eventName: 'retry', severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'boom' } }));
    const [row] = mapLogsRequest(req, context).observations;
    expect(row).toMatchObject({
      trace_id: TRACE,
      parent_observation_id: SPAN,
      type: 'EVENT',
      name: 'retry',
      level: 'ERROR',
      environment: 'prod',
      input: '"boom"',
      start_time: '2026-01-01 00:00:00.000000',
    });
    expect(row!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(mapLogsRequest(req, { ...context, receivedAt: context.receivedAt + 5 }).observations[0]!.id).toBe(row!.id);
  });

  it('rejects records without a trace id, saying why', () => {
    const out = mapLogsRequest(request(record({ traceId: '', spanId: '' }), record({ traceId: '0'.repeat(32) }), record({})), context);
    expect(out.rejectedLogRecords).toBe(2);
    expect(out.errorMessage).toMatch(/2 log record\(s\) rejected.*trace_id/);
    expect(out.observations).toHaveLength(1);
  });
});
