import type { ObservationLevel } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { CHOICE } from './genai-events.js';
import { firstOf, json, parsed, tags } from './helpers.js';
import type { Content, Convention } from './types.js';

/**
 * Pydantic Logfire SDK spans (genai-conventions.md §5.1): pending-span markers are dropped, span names
 * that are unformatted templates give way to `logfire.msg`, `logfire.level_num` sets the level, and the
 * content attributes of Logfire's own LLM integrations are read (Langfuse steps 8, 10, 14 of §2.10).
 */

/** Logfire level numbers: debug 5, info 9, notice 10, warn 13, error 17, fatal 21. */
function level(span: SpanView): ObservationLevel | undefined {
  const n = span.attributes['logfire.level_num'];
  if (typeof n !== 'number') return undefined;
  if (n >= 17) return 'ERROR';
  if (n >= 13) return 'WARNING';
  if (n < 9) return 'DEBUG';
  return undefined;
}

/** Logfire's own integrations name spans by the template (`Chat Completion with {request_data[model]!r}`). */
function name(span: SpanView): string | undefined {
  const msg = span.attributes['logfire.msg'];
  return typeof msg === 'string' && msg !== '' && span.name.includes('{') ? msg : undefined;
}

/** pydantic-ai format 1 `events`: a JSON list of event bodies; `gen_ai.choice` is the output, the rest the input. */
function events(wantOutput: boolean): (span: SpanView) => Content | undefined {
  return (span) => {
    const list = parsed(span.attributes.events);
    if (!Array.isArray(list)) return undefined;
    const isChoice = (e: unknown) => (e as Record<string, unknown> | null)?.['event.name'] === CHOICE;
    const picked = list.filter((e) => isChoice(e) === wantOutput);
    if (picked.length === 0) return undefined;
    return { json: JSON.stringify(wantOutput && picked.length === 1 ? picked[0] : picked), keys: ['events'] };
  };
}

export const logfire: Convention = {
  name: 'logfire',
  priority: 15,
  matches: (span) => span.attributes['logfire.span_type'] !== undefined || span.attributes['logfire.msg'] !== undefined,
  fields: {
    drop: (span) => (span.attributes['logfire.span_type'] === 'pending_span' ? true : undefined),
    name,
    level,
    tags: tags('logfire.tags'),
    input: firstOf(json('prompt', 'all_messages_events', 'request_data'), events(false)),
    output: firstOf(json('response_data'), events(true)),
  },
};
