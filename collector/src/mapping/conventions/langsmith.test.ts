import { describe, expect, it } from 'vitest';
import { mapOne, metadataOf } from '../testdata/map.js';

describe('LangSmith OTel export', () => {
  it('types runs by langsmith.span.kind, before semconv operation names', () => {
    const retriever = mapOne({ 'langsmith.span.kind': 'retriever', 'gen_ai.operation.name': 'embeddings', 'gen_ai.prompt': '{"query":"q"}', 'gen_ai.completion': '[]' });
    expect(retriever).toMatchObject({ type: 'RETRIEVER', input: '{"query":"q"}', output: '[]' });
  });

  it('reads usage details, trace name, tags and metadata', () => {
    const row = mapOne({
      'langsmith.span.kind': 'llm',
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 20,
      'gen_ai.usage.input_token_details': "{'cache_read': 60}",
      'gen_ai.usage.output_token_details': '{"reasoning": 5}',
      'langsmith.trace.name': 'RunnableSequence',
      'langsmith.span.tags': 'a,b',
      'langsmith.metadata.ls_provider': 'openai',
    });
    expect(row).toMatchObject({
      type: 'GENERATION',
      usage_details: { input: 40, input_cached_tokens: 60, output: 15, output_reasoning_tokens: 5, total: 120 },
      trace_name: 'RunnableSequence',
      tags: ['a', 'b'],
    });
    expect(metadataOf(row).ls_provider).toBe('openai');
  });
});
