import type { Attributes } from '../attributes.js';
import { parsed } from '../conventions/helpers.js';
import { CHOICE, CONTENT_COMPLETION, CONTENT_PROMPT, MESSAGE_ROLES, OPERATION_DETAILS } from '../conventions/genai-events.js';
import { isPresent } from '../values.js';

/**
 * What one GenAI content event record contributes to its span's observation, in the span mapper's
 * shape (conventions/genai-events.ts): a message event is one `{role, ...body}` item of the input
 * list, a choice one item of the output; prompt/completion/operation-details events carry the whole value.
 */
export interface GenAiContent {
  slot: 'input' | 'output';
  /** One item of a list (messages, choices) rather than the whole value. */
  part: boolean;
  value: unknown;
}

/** Event attributes that describe the event, not the message (as for span events). */
const NOT_BODY = new Set(['gen_ai.system', 'gen_ai.provider.name', 'event.name', 'gen_ai.event.content']);

/** The message body: the record's map body, else `gen_ai.event.content` JSON, else the attributes. */
function messageBody(body: unknown, attributes: Attributes): Record<string, unknown> {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  const content = parsed(attributes['gen_ai.event.content']);
  if (content !== null && typeof content === 'object' && !Array.isArray(content)) return content as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in attributes) if (!NOT_BODY.has(key)) out[key] = parsed(attributes[key]);
  if (isPresent(body) && !('content' in out)) out.content = body;
  return out;
}

function whole(slot: 'input' | 'output', body: unknown, attributes: Attributes, key: string): GenAiContent | undefined {
  const value = isPresent(attributes[key]) ? parsed(attributes[key]) : body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return isPresent(value) ? { slot, part: false, value: parsed(value) } : undefined;
}

/** Whether an event name is a GenAI content event (stored for its span rather than as an EVENT observation). */
export function isGenAiContentEvent(name: string): boolean {
  return MESSAGE_ROLES.has(name) || name === CHOICE || name === CONTENT_PROMPT || name === CONTENT_COMPLETION || name === OPERATION_DETAILS;
}

/** The contributions of one GenAI content event record (operation details may feed both sides). */
export function genAiContent(name: string, body: unknown, attributes: Attributes): GenAiContent[] {
  const role = MESSAGE_ROLES.get(name);
  if (role !== undefined) return [{ slot: 'input', part: true, value: { role, ...messageBody(body, attributes) } }];
  if (name === CHOICE) return [{ slot: 'output', part: true, value: messageBody(body, attributes) }];
  const out: (GenAiContent | undefined)[] = [];
  if (name === CONTENT_PROMPT) out.push(whole('input', body, attributes, 'gen_ai.prompt'));
  if (name === CONTENT_COMPLETION) out.push(whole('output', body, attributes, 'gen_ai.completion'));
  if (name === OPERATION_DETAILS) {
    out.push(whole('input', body, attributes, 'gen_ai.input.messages'), whole('output', body, attributes, 'gen_ai.output.messages'));
  }
  return out.filter((c): c is GenAiContent => c !== undefined);
}
