import { describe, expect, it } from 'vitest';
import { observationRow } from '../batch/index.js';
import type { ObservationRow } from '../batch/index.js';
import { mapTraceRequest } from './index.js';
import { request, span } from './testdata/build.js';
import type { ExportTraceServiceRequest } from '../otlp/types.js';

const context = { projectId: 'proj-1', receivedAt: 1750000005123 };

function map(req: ExportTraceServiceRequest) {
  const result = mapTraceRequest(req, context);
  for (const row of result.rows) observationRow.parse(row);
  return result;
}

function mapOne(attrs: Record<string, unknown>, extra: Parameters<typeof span>[0] = {}, options = {}): ObservationRow {
  const { rows } = map(request([span({ attrs, ...extra })], options));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function metadataOf(row: ObservationRow): Record<string, any> {
  return JSON.parse(row.metadata);
}

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
    expect(mapTraceRequest({}, context)).toEqual({ rows: [], rejectedSpans: 0, errorMessage: '' });
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

describe('Langfuse attributes', () => {
  it('maps observation and trace fields', () => {
    const row = mapOne(
      {
        'langfuse.observation.type': 'generation',
        'langfuse.observation.model.name': 'claude-3',
        'langfuse.observation.model.parameters': '{"temperature":0.1}',
        'langfuse.observation.completion_start_time': '"2025-06-15T15:06:40.250Z"',
        'langfuse.observation.prompt.name': 'greeting',
        'langfuse.observation.prompt.version': 3,
        'langfuse.observation.input': '{"question":"hi"}',
        'langfuse.observation.output': '"hello"',
        'langfuse.observation.metadata': '{"a":1,"b":2}',
        'langfuse.observation.metadata.b': 'override',
        'langfuse.observation.status_message': 'ok-ish',
        'langfuse.trace.name': 'my-trace',
        'langfuse.trace.input': '{"q":1}',
        'langfuse.trace.output': 'done',
        'langfuse.trace.metadata.team': 'search',
        'langfuse.trace.tags': ['t1', 't2'],
        'langfuse.trace.public': true,
        'langfuse.user.id': 'u-1',
        'session.id': 's-1',
        'langfuse.release': 'r-7',
        'langfuse.version': 'v-2',
        'langfuse.internal.as_root': 'true',
      },
      { parentSpanId: '1234567890abcdef' },
    );
    expect(row).toMatchObject({
      type: 'GENERATION',
      model: 'claude-3',
      model_parameters: '{"temperature":0.1}',
      completion_start_time: '2025-06-15 15:06:40.250000',
      prompt_name: 'greeting',
      prompt_version: 3,
      input: '{"question":"hi"}',
      output: '"hello"',
      status_message: 'ok-ish',
      is_root: true,
      parent_observation_id: '1234567890abcdef',
      trace_name: 'my-trace',
      trace_input: '{"q":1}',
      trace_output: '"done"',
      trace_metadata: '{"team":"search"}',
      tags: ['t1', 't2'],
      public: true,
      user_id: 'u-1',
      session_id: 's-1',
      release: 'r-7',
      version: 'v-2',
    });
    const metadata = metadataOf(row);
    expect(metadata.a).toBe(1);
    expect(metadata.b).toBe('override');
    // Content moved into its own columns is not stored twice; everything else stays.
    expect(metadata.attributes['langfuse.observation.input']).toBeUndefined();
    expect(metadata.attributes['langfuse.trace.input']).toBeUndefined();
    expect(metadata.attributes['langfuse.observation.metadata.b']).toBeUndefined();
    expect(metadata.attributes['langfuse.observation.model.name']).toBe('claude-3');
    expect(metadata.mappingIssues).toBeUndefined();
  });

  it('stringifies non-string values for string columns and keeps structured input as JSON', () => {
    const row = mapOne({ 'user.id': 12345, 'langfuse.observation.input': { question: 'hi', n: [1, 2] } });
    expect(row.user_id).toBe('12345');
    expect(row.input).toBe('{"question":"hi","n":[1,2]}');
  });

  it('keeps a span whose Langfuse values are malformed, noting each problem', () => {
    const row = mapOne({
      'langfuse.observation.type': 'generation',
      'langfuse.observation.usage_details': 'not json',
      'langfuse.observation.model.parameters': 'temperature=1',
      'langfuse.observation.prompt.version': 'v3',
      'langfuse.observation.completion_start_time': 'yesterday',
    });
    expect(row).toMatchObject({ type: 'GENERATION', usage_details: {}, model_parameters: '', prompt_version: null, completion_start_time: null });
    expect(metadataOf(row).mappingIssues).toHaveLength(4);
  });
});

describe('GenAI semconv input', () => {
  it('puts system instructions first as a system message', () => {
    const row = mapOne({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system_instructions': 'Be brief.',
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
    });
    expect(JSON.parse(row.input)).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
    ]);
    expect(metadataOf(row).attributes).toEqual({ 'gen_ai.operation.name': 'chat' });
  });

  it('does not add a second system message, and keeps JSON text as is', () => {
    const messages = '[{"role":"system","parts":[]},{"role":"user","parts":[]}]';
    const row = mapOne({ 'gen_ai.system_instructions': '[{"type":"text","content":"x"}]', 'gen_ai.input.messages': messages });
    expect(row.input).toBe(messages);
    expect(metadataOf(row).attributes['gen_ai.system_instructions']).toBe('[{"type":"text","content":"x"}]');
  });
});
