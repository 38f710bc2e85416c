import type { ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import type { Convention } from './types.js';

/**
 * OpenAI Agents SDK (genai-conventions.md §5.5). Through OpenInference its spans are typed by
 * `openinference.span.kind` (openinference.ts; handoffs are TOOL). Through Logfire
 * (`logfire.instrument_openai_agents()`) the span name is the message template, typed here.
 */

const TEMPLATES: readonly (readonly [string, ObservationType])[] = [
  ['Agent run:', 'AGENT'],
  ['Function:', 'TOOL'],
  ['Handoff:', 'TOOL'],
  ['Guardrail ', 'GUARDRAIL'],
  ['Responses API', 'GENERATION'],
];

function type(span: SpanView): ObservationType | undefined {
  const template = span.attributes['logfire.msg_template'] ?? span.name;
  if (typeof template !== 'string') return undefined;
  for (const [prefix, t] of TEMPLATES) if (template.startsWith(prefix)) return t;
  return undefined;
}

export const openaiAgents: Convention = {
  name: 'openai-agents',
  priority: 65,
  matches: (span) => span.scope.name.includes('openai_agents') || span.attributes['logfire.msg_template'] !== undefined,
  type,
  fields: {},
};
