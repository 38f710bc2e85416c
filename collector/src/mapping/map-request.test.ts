import { describe, expect, it } from 'vitest';
import { mapTraceRequest } from './index.js';
import { request, span } from './testdata/build.js';
import { context, map, mapOne, metadataOf } from './testdata/map.js';

describe('rejection', () => {
  it('counts spans that cannot be observations and keeps their siblings', () => {
    const result = map(
      request([
        span({ name: 'good' }),
        span({ name: 'short-trace', traceId: 'abc' }),
        span({ name: 'zero-trace', traceId: '0'.repeat(32) }),
        span({ name: 'bad-span', spanId: 'zzzzzzzzzzzzzzzz' }),
        span({ name: 'zero-span', spanId: '0'.repeat(16) }),
        span({ name: 'no-start', startTimeUnixNano: '0' }),
      ]),
    );
    expect(result.rows.map((r) => r.name)).toEqual(['good']);
    expect(result.rejectedSpans).toBe(5);
    expect(result.errorMessage).toMatch(/^5 span\(s\) rejected: /);
    expect(result.errorMessage).toContain('"short-trace": traceId is not 32 hex digits');
    expect(result.errorMessage).toContain('"zero-trace"');
    expect(result.errorMessage).toContain('"bad-span": spanId is not 16 hex digits');
    expect(result.errorMessage).not.toContain('no-start');
    expect(result.errorMessage).toMatch(/; …$/);
  });

  it('reports no error when every span maps', () => {
    const result = map(request([span(), span()]));
    expect(result).toMatchObject({ rejectedSpans: 0, errorMessage: '' });
    expect(mapTraceRequest({}, context)).toEqual({ rows: [], rejectedSpans: 0, errorMessage: '', skippedSpans: 0, truncatedValues: 0 });
  });
});

describe('core fields', () => {
  it('maps ids, parent, times, project and event_ts', () => {
    const row = mapOne(
      {},
      { spanId: 'B7AD6B7169203331', parentSpanId: '00f067aa0ba902b7', startTimeUnixNano: '1700000000123456789', endTimeUnixNano: '' },
    );
    expect(row).toMatchObject({
      project_id: 'proj-1',
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      id: 'b7ad6b7169203331',
      parent_observation_id: '00f067aa0ba902b7',
      is_root: false,
      trace_name: '',
      start_time: '2023-11-14 22:13:20.123456',
      end_time: null,
      event_ts: '2025-06-15 15:06:45.123000',
      environment: 'default',
      level: 'DEFAULT',
    });
  });

  it('treats an all-zero parent as none, and an invalid one as none with a note', () => {
    expect(mapOne({}, { parentSpanId: '0'.repeat(16) }).is_root).toBe(true);
    const row = mapOne({}, { parentSpanId: 'nothex' });
    expect(row).toMatchObject({ is_root: true, parent_observation_id: '' });
    expect(metadataOf(row).mappingIssues).toEqual(['parentSpanId is not 16 hex digits; mapped as a root span']);
  });

  it('maps an unknown convention to SPAN and keeps everything in metadata', () => {
    const row = mapOne(
      { 'http.route': '/chat', 'custom.count': 3, ['__proto__']: 'x' },
      { name: 'POST /chat', events: [{ name: 'note', timeUnixNano: '1750000000500000000', attributes: [] }] },
      { resource: { 'service.name': 'svc', 'service.version': '2.1.0' }, scope: { name: 'my-lib', version: '0.1' } },
    );
    expect(row).toMatchObject({ type: 'SPAN', name: 'POST /chat', trace_name: 'POST /chat', is_root: true, version: '2.1.0' });
    expect(row.input).toBe('');
    expect(row.usage_details).toEqual({});
    const metadata = metadataOf(row);
    expect(metadata.attributes).toEqual({ 'http.route': '/chat', 'custom.count': 3, ['__proto__']: 'x' });
    expect(metadata.resourceAttributes).toEqual({ 'service.name': 'svc', 'service.version': '2.1.0' });
    expect(metadata.scope).toEqual({ name: 'my-lib', version: '0.1' });
    expect(metadata.events).toEqual([{ name: 'note', time: '2025-06-15T15:06:40.500000Z', attributes: {} }]);
  });

  it('gives GENERATION when only a model is present', () => {
    expect(mapOne({ 'gen_ai.request.model': 'gpt-4o' })).toMatchObject({ type: 'GENERATION', model: 'gpt-4o' });
    expect(mapOne({ model: 'llama3' })).toMatchObject({ type: 'GENERATION', model: 'llama3' });
  });
});

describe('usage', () => {
  it('reads the old semconv names and derives the total', () => {
    const row = mapOne({ 'gen_ai.request.model': 'm', 'gen_ai.usage.prompt_tokens': 30, 'gen_ai.usage.completion_tokens': 9 });
    expect(row.usage_details).toEqual({ input: 30, output: 9, total: 39 });
  });

  it('never adds two aliases of one count, and keeps a given total', () => {
    const row = mapOne({
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.prompt_tokens': 40,
      'gen_ai.usage.input_tokens': 40,
      'gen_ai.usage.output_tokens': 12,
      'gen_ai.usage.total_tokens': 55,
    });
    expect(row.usage_details).toEqual({ input: 40, output: 12, total: 55 });
  });

  it('reads OpenInference token counts and Langfuse usage_details JSON', () => {
    expect(
      mapOne({ 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': 5, 'llm.token_count.completion': 2 }).usage_details,
    ).toEqual({ input: 5, output: 2, total: 7 });
    const row = mapOne({
      'langfuse.observation.type': 'generation',
      'langfuse.observation.usage_details': '{"input":10,"output":"4","input_cached_tokens":3}',
      'gen_ai.usage.input_tokens': 999,
    });
    expect(row.usage_details).toEqual({ input: 10, output: 4, input_cached_tokens: 3, total: 17 });
  });

  it('keeps usage only on GENERATION and EMBEDDING, never on wrapper spans', () => {
    const agent = mapOne({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.usage.input_tokens': 310, 'gen_ai.usage.output_tokens': 43 });
    expect(agent.type).toBe('AGENT');
    expect(agent.usage_details).toEqual({});
    expect(metadataOf(agent).attributes['gen_ai.usage.input_tokens']).toBe(310);
    const embedding = mapOne({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 8 });
    expect(embedding.usage_details).toEqual({ input: 8, total: 8 });
  });

  it('notes a malformed count and keeps the span', () => {
    const row = mapOne({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 'many', 'gen_ai.usage.output_tokens': 3 });
    expect(row.usage_details).toEqual({ output: 3, total: 3 });
    expect(metadataOf(row).mappingIssues).toEqual(['gen_ai.usage.input_tokens: not a non-negative integer token count']);
  });
});

describe('level and status', () => {
  it('maps status ERROR to level ERROR with its message', () => {
    const row = mapOne({}, { status: { code: 2, message: 'boom' } });
    expect(row).toMatchObject({ level: 'ERROR', status_message: 'boom' });
  });

  it('takes an exception event when the status did not say', () => {
    const exception = {
      name: 'exception',
      timeUnixNano: '1750000000500000000',
      attributes: [{ key: 'exception.message', value: { stringValue: 'timed out' } }],
    };
    expect(mapOne({}, { events: [exception] })).toMatchObject({ level: 'ERROR', status_message: 'timed out' });
    expect(mapOne({}, { events: [exception], status: { code: 2, message: 'Timeout' } })).toMatchObject({
      level: 'ERROR',
      status_message: 'Timeout',
    });
    expect(mapOne({}, { events: [exception], status: { code: 1 } })).toMatchObject({ level: 'DEFAULT', status_message: '' });
    const row = mapOne({}, { events: [exception] });
    expect(metadataOf(row).events[0]).toEqual({
      name: 'exception',
      time: '2025-06-15T15:06:40.500000Z',
      attributes: { 'exception.message': 'timed out' },
    });
  });

  it('lets langfuse.observation.level win, and notes an invalid one', () => {
    expect(mapOne({ 'langfuse.observation.level': 'WARNING' }, { status: { code: 2 } }).level).toBe('WARNING');
    const row = mapOne({ 'langfuse.observation.level': 'LOUD' }, { status: { code: 2 } });
    expect(row.level).toBe('ERROR');
    expect(metadataOf(row).mappingIssues).toEqual(['langfuse.observation.level: not one of DEBUG, DEFAULT, WARNING, ERROR']);
  });
});

describe('environment', () => {
  it('tries each key on the span, then on the resource, and normalises', () => {
    expect(mapOne({}, {}, { resource: { 'deployment.environment.name': 'Staging' } }).environment).toBe('staging');
    expect(mapOne({ 'deployment.environment': 'qa' }, {}, { resource: { 'langfuse.environment': 'langfuse-prod' } }).environment).toBe('prod');
    expect(mapOne({ 'langfuse.environment': 'dev' }, {}, { resource: { 'langfuse.environment': 'prod' } }).environment).toBe('dev');
    expect(mapOne({ 'deployment.environment.name': 'bad env!' }).environment).toBe('default');
  });
});
