import { describe, expect, it } from 'vitest';
import { mapOne, metadataOf } from '../testdata/map.js';

describe('MLflow', () => {
  it('decodes JSON-encoded values', () => {
    const row = mapOne({
      'mlflow.spanType': '"CHAT_MODEL"',
      'mlflow.spanInputs': '{"messages":[{"role":"user","content":"hi"}]}',
      'mlflow.spanOutputs': '"hello"',
      'mlflow.llm.model': '"gpt-4o"',
      'mlflow.chat.tokenUsage': '{"input_tokens":10,"output_tokens":3,"total_tokens":13,"cache_read_input_tokens":4}',
      'mlflow.llm.cost': '{"input_cost":0.1,"output_cost":0.2,"total_cost":0.3}',
      'mlflow.traceTag.team': '"search"',
    });
    expect(row).toMatchObject({
      type: 'GENERATION',
      model: 'gpt-4o',
      input: '{"messages":[{"role":"user","content":"hi"}]}',
      output: '"hello"',
      usage_details: { input: 6, input_cached_tokens: 4, output: 3, total: 13 },
      cost_details: { input: 0.1, output: 0.2, total: 0.3 },
      trace_metadata: '{"team":"search"}',
    });
    expect(metadataOf(row).mappingIssues).toBeUndefined();
  });
});
