import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { isPresent, parseJsonObject, toCount } from '../values.js';
import { afterStart, firstOf, json, lifted, parsed, str, tags, text } from './helpers.js';
import type { Content, Convention, Extra, Lifted } from './types.js';
import { usage } from './usage.js';

/**
 * Vercel AI SDK v4–v6 (and v7 `LegacyOpenTelemetry`) `ai.*` spans, scope `ai` (genai-conventions.md §4).
 * Its model spans also carry `gen_ai.*`, which the semconv module (higher priority) reads first; v7's
 * default integration emits GenAI semconv spans only, mapped by genai-semconv.ts.
 */

const OPERATIONS: ReadonlyMap<string, ObservationType> = new Map([
  ['ai.generateText.doGenerate', 'GENERATION'],
  ['ai.streamText.doStream', 'GENERATION'],
  ['ai.generateObject.doGenerate', 'GENERATION'],
  ['ai.streamObject.doStream', 'GENERATION'],
  ['ai.embed.doEmbed', 'EMBEDDING'],
  ['ai.embedMany.doEmbed', 'EMBEDDING'],
  ['ai.rerank.doRerank', 'RETRIEVER'],
  ['ai.toolCall', 'TOOL'],
]);

/** Model calls and tool calls by operation id; other `ai.*` operations are wrappers around them: SPAN. */
function type(span: SpanView): ObservationType | undefined {
  const op = span.attributes['ai.operationId'];
  if (typeof op !== 'string') return undefined;
  return OPERATIONS.get(op) ?? (op.startsWith('ai.') ? 'SPAN' : undefined);
}

/** Text plus tool calls in one assistant message, as Langfuse does; otherwise the first present output. */
function output(span: SpanView): Content | undefined {
  const textValue = span.attributes['ai.response.text'];
  const calls = span.attributes['ai.response.toolCalls'];
  if (isPresent(textValue) && isPresent(calls)) {
    const message = { role: 'assistant', content: textValue, tool_calls: parsed(calls) };
    return { json: JSON.stringify(message), keys: ['ai.response.text', 'ai.response.toolCalls'] };
  }
  return singleOutput(span);
}

const singleOutput = firstOf(
  text('ai.response.text', 'ai.result.text'),
  json('ai.toolCall.result', 'ai.response.object', 'ai.result.object', 'ai.response.toolCalls', 'ai.result.toolCalls'),
  json('ai.embeddings', 'ai.embedding'),
);

/** `ai.prompt.tools` is an array of JSON strings, one per tool. */
function tools(span: SpanView): Extra | undefined {
  const raw = parsed(span.attributes['ai.prompt.tools']);
  if (!Array.isArray(raw)) return undefined;
  return { value: raw.map(parsed), keys: ['ai.prompt.tools'] };
}

const SETTINGS = 'ai.settings.';

/** `ai.settings.*` (maxRetries, temperature, …) as the model parameters. */
function settings(span: SpanView): string | undefined {
  let params: Record<string, unknown> | undefined;
  for (const key of span.keys) if (key.startsWith(SETTINGS)) (params ??= {})[key.slice(SETTINGS.length)] = span.attributes[key];
  return params === undefined ? undefined : JSON.stringify(params);
}

/** `ai.telemetry.metadata.*` → observation metadata, except the keys that fill trace columns. */
const TRACE_KEYS = new Set(['userId', 'sessionId', 'tags', 'langfusePrompt']);
const telemetryMetadata = lifted('ai.telemetry.metadata');
function metadata(span: SpanView): Lifted | undefined {
  const all = telemetryMetadata(span);
  if (all === undefined) return undefined;
  const value: Record<string, unknown> = {};
  for (const key in all.value) if (!TRACE_KEYS.has(key)) value[key] = all.value[key];
  return { value, keys: all.keys.filter((k) => !TRACE_KEYS.has(k.slice('ai.telemetry.metadata.'.length))) };
}

/** `ai.telemetry.metadata.langfusePrompt` = JSON `{name, version}` (Langfuse prompt linking). */
function prompt(span: SpanView): { name?: string; version?: number } | undefined {
  const object = parseJsonObject(span.attributes['ai.telemetry.metadata.langfusePrompt']);
  if (object === undefined) return undefined;
  return {
    ...(typeof object.name === 'string' ? { name: object.name } : {}),
    ...(toCount(object.version) !== undefined ? { version: toCount(object.version)! } : {}),
  };
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
    modelParameters: settings,
    usage: usage({
      input: ['ai.usage.inputTokens', 'ai.usage.promptTokens', 'ai.usage.tokens'],
      output: ['ai.usage.outputTokens', 'ai.usage.completionTokens'],
      total: ['ai.usage.totalTokens'],
      cacheRead: ['ai.usage.inputTokenDetails.cacheReadTokens', 'ai.usage.cachedInputTokens'],
      cacheCreation: ['ai.usage.inputTokenDetails.cacheWriteTokens'],
      reasoning: ['ai.usage.outputTokenDetails.reasoningTokens', 'ai.usage.reasoningTokens'],
    }),
    completionStartTime: afterStart(0.001, 'ai.response.msToFirstChunk', 'ai.stream.msToFirstChunk'),
    input: json('ai.prompt.messages', 'ai.prompt', 'ai.toolCall.args', 'ai.values', 'ai.value'),
    output,
    tools,
    metadata,
    promptName: (span) => prompt(span)?.name,
    promptVersion: (span) => prompt(span)?.version,
    userId: str('ai.telemetry.metadata.userId'),
    sessionId: str('ai.telemetry.metadata.sessionId'),
    tags: tags('ai.telemetry.metadata.tags'),
    // Every span of the call carries the function id; only the root names the trace.
    traceName: (span) => (span.parentSpanId === '' ? functionId(span) : undefined),
  },
};
