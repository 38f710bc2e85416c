import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { firstOf, json, str, text, usage } from './helpers.js';
import type { Convention } from './types.js';

/**
 * Vercel AI SDK ≤ 6 `ai.*` spans (scope `ai`; genai-conventions.md §4). Minimal for now: type, model,
 * input/output, usage, user/session and the trace name. Its model spans also carry `gen_ai.*`, which
 * the semconv module (higher priority) reads first.
 */

const MODEL_CALLS: ReadonlyMap<string, ObservationType> = new Map([
  ['ai.generateText.doGenerate', 'GENERATION'],
  ['ai.streamText.doStream', 'GENERATION'],
  ['ai.generateObject.doGenerate', 'GENERATION'],
  ['ai.streamObject.doStream', 'GENERATION'],
  ['ai.embed.doEmbed', 'EMBEDDING'],
  ['ai.embedMany.doEmbed', 'EMBEDDING'],
  ['ai.toolCall', 'TOOL'],
]);

/** Model calls and tool calls by operation id; other `ai.*` operations are wrappers around them: SPAN. */
function type(span: SpanView): ObservationType | undefined {
  const op = span.attributes['ai.operationId'];
  if (typeof op !== 'string') return undefined;
  return MODEL_CALLS.get(op) ?? (op.startsWith('ai.') ? 'SPAN' : undefined);
}

const functionId = str('ai.telemetry.functionId');

export const vercelAi: Convention = {
  name: 'vercel-ai',
  priority: 40,
  matches: (span) => span.scope.name === 'ai',
  type,
  fields: {
    name: str('ai.toolCall.name'),
    model: str('ai.response.model', 'ai.model.id'),
    usage: usage({
      input: ['ai.usage.inputTokens', 'ai.usage.promptTokens'],
      output: ['ai.usage.outputTokens', 'ai.usage.completionTokens'],
      total: ['ai.usage.totalTokens'],
    }),
    input: json('ai.prompt.messages', 'ai.prompt', 'ai.toolCall.args'),
    output: firstOf(text('ai.response.text'), json('ai.toolCall.result', 'ai.response.object', 'ai.response.toolCalls')),
    userId: str('ai.telemetry.metadata.userId'),
    sessionId: str('ai.telemetry.metadata.sessionId'),
    // Every span of the call carries the function id; only the root names the trace.
    traceName: (span) => (span.parentSpanId === '' ? functionId(span) : undefined),
  },
};
