import type { ObservationLevel } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';
import { afterStart } from './helpers.js';
import type { Convention } from './types.js';

/**
 * Strands Agents (scope `strands.telemetry.tracer`; genai-conventions.md §5.6). Types, usage and content
 * (v1.36-style span events) come from genai-semconv; `gen_ai.system=strands-agents` is the framework.
 * This adds the server time to first token (ms) and the tool status.
 */

function level(span: SpanView): ObservationLevel | undefined {
  return span.attributes['gen_ai.tool.status'] === 'error' ? 'ERROR' : undefined;
}

export const strands: Convention = {
  name: 'strands',
  priority: 55,
  matches: (span) => span.scope.name === 'strands.telemetry.tracer',
  type: (span) => (span.name === 'execute_event_loop_cycle' ? 'CHAIN' : undefined),
  fields: {
    level,
    completionStartTime: afterStart(0.001, 'gen_ai.server.time_to_first_token'),
  },
};
