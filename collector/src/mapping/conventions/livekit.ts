import type { ObservationLevel, ObservationType } from '../../batch/index.js';
import { afterStart, byName, firstOf, json, text } from './helpers.js';
import type { Convention } from './types.js';

/** LiveKit Agents (scope `livekit-agents`; genai-conventions.md §5.7, langfuse-ingestion.md §2.2 / §2.4). */

const SPANS: ReadonlyMap<string, ObservationType> = new Map([
  ['agent_session', 'AGENT'],
  ['agent_turn', 'AGENT'],
  ['start_agent_activity', 'AGENT'],
  ['function_tool', 'TOOL'],
  ['llm_request', 'GENERATION'],
]);

/** Housekeeping spans Langfuse shows at DEBUG level. */
const DEBUG_SPANS: ReadonlyMap<string, ObservationLevel> = new Map(
  [
    'user_speaking',
    'eou_detection',
    'llm_request_run',
    'tts_node',
    'tts_request',
    'tts_request_run',
    'tts_stream_adapter',
    'agent_speaking',
    'drain_agent_activity',
    'on_exit',
    'on_enter',
    'llm_fallback_adapter',
    'tts_fallback_adapter',
    'start_agent_activity',
  ].map((name) => [name, 'DEBUG']),
);

const debugLevel = byName(DEBUG_SPANS);

export const livekit: Convention = {
  name: 'livekit',
  priority: 60,
  matches: (span) => span.scope.name === 'livekit-agents',
  type: byName(SPANS),
  fields: {
    // An error status still wins (fallback reads it before this would matter only if no error).
    level: (span) => (span.status.code === 2 ? undefined : debugLevel(span)),
    input: firstOf(
      text('lk.input_text', 'lk.user_transcript', 'lk.pii.user_input'),
      json('lk.pii.function_tool.arguments', 'lk.function_tool.arguments', 'lk.pii.chat_ctx', 'lk.chat_ctx'),
    ),
    output: firstOf(
      json('lk.pii.function_tool.output', 'lk.function_tool.output', 'lk.pii.response.function_calls', 'lk.response.function_calls'),
      text('lk.pii.response.text', 'lk.response.text'),
    ),
    completionStartTime: afterStart(1, 'lk.response.ttft'),
  },
};
