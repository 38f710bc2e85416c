import { describe, expect, it } from 'vitest';
import { mapOne, metadataOf } from '../testdata/map.js';

const ai = { scope: { name: 'ai' } };

describe('Vercel AI SDK', () => {
  it('reads v6 usage details, streaming first chunk, tools and telemetry metadata', () => {
    const row = mapOne(
      {
        'ai.operationId': 'ai.streamText.doStream',
        'ai.model.id': 'claude',
        'ai.usage.inputTokens': 100,
        'ai.usage.outputTokens': 30,
        'ai.usage.inputTokenDetails.cacheReadTokens': 80,
        'ai.usage.outputTokenDetails.reasoningTokens': 10,
        'ai.response.msToFirstChunk': 120,
        'ai.response.text': 'hi',
        'ai.response.toolCalls': '[{"toolCallId":"c1","toolName":"t","input":"{}"}]',
        'ai.prompt.tools': ['{"type":"function","name":"t"}'],
        'ai.settings.maxRetries': 2,
        'ai.telemetry.metadata.userId': 'u',
        'ai.telemetry.metadata.tags': ['a'],
        'ai.telemetry.metadata.langfusePrompt': '{"name":"p","version":3}',
        'ai.telemetry.metadata.tenant': 'acme',
      },
      {},
      ai,
    );
    expect(row).toMatchObject({
      type: 'GENERATION',
      model: 'claude',
      usage_details: { input: 20, input_cached_tokens: 80, output: 20, output_reasoning_tokens: 10, total: 130 },
      completion_start_time: '2025-06-15 15:06:40.120000',
      model_parameters: '{"maxRetries":2}',
      user_id: 'u',
      tags: ['a'],
      prompt_name: 'p',
      prompt_version: 3,
    });
    expect(JSON.parse(row.output)).toEqual({ role: 'assistant', content: 'hi', tool_calls: [{ toolCallId: 'c1', toolName: 't', input: '{}' }] });
    const metadata = metadataOf(row);
    expect(metadata.tools).toEqual([{ type: 'function', name: 't' }]);
    expect(metadata.tenant).toBe('acme');
    expect(metadata.userId).toBeUndefined();
  });
});
