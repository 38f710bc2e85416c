import type { EventView, SpanView } from '../span-view.js';
import { isPresent, jsonText } from '../values.js';
import { parsed } from './helpers.js';
import type { Content } from './types.js';

/**
 * GenAI content carried as span events (genai-conventions.md §1.6–1.8):
 *  - v1.28–v1.36 message events `gen_ai.{system,user,assistant,tool}.message` / `gen_ai.choice`, with
 *    the body as event attributes (Strands, flattened) or as JSON in `gen_ai.event.content` (Azure SDKs);
 *  - v1.26–v1.27 `gen_ai.content.prompt` / `gen_ai.content.completion` (attributes `gen_ai.prompt` / `gen_ai.completion`);
 *  - v1.37+ `gen_ai.client.inference.operation.details` holding `gen_ai.input.messages` / `gen_ai.output.messages`.
 * Input: the message events in order as `{role, ...body}`; output: the choice body (an array when several).
 */

export const MESSAGE_ROLES: ReadonlyMap<string, string> = new Map([
  ['gen_ai.system.message', 'system'],
  ['gen_ai.user.message', 'user'],
  ['gen_ai.assistant.message', 'assistant'],
  ['gen_ai.tool.message', 'tool'],
]);
export const CHOICE = 'gen_ai.choice';
export const CONTENT_PROMPT = 'gen_ai.content.prompt';
export const CONTENT_COMPLETION = 'gen_ai.content.completion';
export const OPERATION_DETAILS = 'gen_ai.client.inference.operation.details';

/** Event attributes that describe the event, not the message. */
const NOT_BODY = new Set(['gen_ai.system', 'gen_ai.provider.name', 'event.name', 'gen_ai.event.content']);

function body(event: EventView): Record<string, unknown> {
  const content = parsed(event.attributes['gen_ai.event.content']);
  if (content !== null && typeof content === 'object' && !Array.isArray(content)) {
    return content as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const key in event.attributes) if (!NOT_BODY.has(key)) out[key] = parsed(event.attributes[key]);
  return out;
}

function fromAttribute(span: SpanView, event: string, key: string): Content | undefined {
  for (const e of span.events) {
    if (e.name === event && isPresent(e.attributes[key])) {
      return { json: jsonText(e.attributes[key]), keys: [], events: [event] };
    }
  }
  return undefined;
}

export function eventInput(span: SpanView): Content | undefined {
  if (span.events.length === 0) return undefined;
  const messages: unknown[] = [];
  const names: string[] = [];
  for (const e of span.events) {
    const role = MESSAGE_ROLES.get(e.name);
    if (role === undefined) continue;
    messages.push({ role, ...body(e) });
    if (!names.includes(e.name)) names.push(e.name);
  }
  if (messages.length > 0) return { json: JSON.stringify(messages), keys: [], events: names };
  return fromAttribute(span, CONTENT_PROMPT, 'gen_ai.prompt') ?? fromAttribute(span, OPERATION_DETAILS, 'gen_ai.input.messages');
}

export function eventOutput(span: SpanView): Content | undefined {
  if (span.events.length === 0) return undefined;
  const choices: unknown[] = [];
  for (const e of span.events) if (e.name === CHOICE) choices.push(body(e));
  if (choices.length > 0) {
    return { json: JSON.stringify(choices.length === 1 ? choices[0] : choices), keys: [], events: [CHOICE] };
  }
  return (
    fromAttribute(span, CONTENT_COMPLETION, 'gen_ai.completion') ??
    fromAttribute(span, OPERATION_DETAILS, 'gen_ai.output.messages')
  );
}
