import { describe, expect, it } from 'vitest';
import { mapOne, metadataOf } from '../testdata/map.js';

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

  it('lifts langfuse.experiment.* into metadata.experiment and reads langfuse_* metadata keys and level aliases', () => {
    const row = mapOne({
      'langfuse.experiment.id': 'exp-1',
      'langfuse.experiment.name': 'baseline',
      'langfuse.experiment.dataset.id': 'ds-1',
      'langfuse.experiment.item.id': 'item-1',
      'langfuse.experiment.item.expected_output': '{"answer":42}',
      'langfuse.observation.metadata.langfuse_user_id': 'u-9',
      'langfuse.trace.metadata.langfuse_tags': 'x,y',
      'langfuse.observation.level': 'warn',
    });
    expect(row).toMatchObject({ user_id: 'u-9', tags: ['x', 'y'], level: 'WARNING' });
    const metadata = metadataOf(row);
    expect(metadata.experiment).toEqual({
      id: 'exp-1',
      name: 'baseline',
      dataset: { id: 'ds-1' },
      item: { id: 'item-1', expected_output: { answer: 42 } },
    });
    expect(metadata.attributes['langfuse.experiment.id']).toBeUndefined();
  });
});
