import type { ObservationLevel } from '../../batch/index.js';
import type { EventView, SpanView } from '../span-view.js';
import { isPresent } from '../values.js';
import { present, str, strResource, strSpanThenResource } from './helpers.js';
import type { Convention, Extra } from './types.js';

/**
 * General OpenTelemetry semantics, tried last: span status and exception events, deployment
 * environment, service version, and Langfuse's last type rule (a model key present → GENERATION).
 */

const STATUS_OK = 1;
const STATUS_ERROR = 2;

/** Langfuse's model-fallback keys (langfuse-ingestion.md §2.2, priority 10). */
const hasModel = present(
  'langfuse.observation.model.name',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'llm.model_name',
  'model',
);

/** `exception` (OTel) and, since v1.41, `gen_ai.client.operation.exception`. */
function exception(span: SpanView): EventView | undefined {
  if (span.events.length === 0) return undefined;
  return span.events.find((e) => e.name === 'exception' || e.name === 'gen_ai.client.operation.exception');
}

/** The recorded exception's type, message and stack under metadata.exception (the event also stays in events). */
function exceptionDetails(span: SpanView): Extra | undefined {
  const event = exception(span);
  if (event === undefined) return undefined;
  const value: Record<string, unknown> = {};
  for (const field of ['type', 'message', 'stacktrace'] as const) {
    const v = event.attributes[`exception.${field}`];
    if (isPresent(v)) value[field] = v;
  }
  return { value, keys: [] };
}

/** ERROR on an error status, or on a recorded exception unless the span explicitly set status OK. */
function level(span: SpanView): ObservationLevel | undefined {
  if (span.status.code === STATUS_ERROR) return 'ERROR';
  if (span.status.code !== STATUS_OK && exception(span) !== undefined) return 'ERROR';
  return undefined;
}

function statusMessage(span: SpanView): string | undefined {
  if (span.status.message !== '') return span.status.message;
  if (span.status.code === STATUS_OK) return undefined;
  const message = exception(span)?.attributes['exception.message'];
  return isPresent(message) ? String(message) : undefined;
}

export const fallback: Convention = {
  name: 'fallback',
  priority: 100,
  type: (span) => (hasModel(span) ? 'GENERATION' : undefined),
  fields: {
    level,
    statusMessage,
    model: str('model'),
    environment: strSpanThenResource('deployment.environment.name', 'deployment.environment'),
    version: strResource('service.version'),
    exception: exceptionDetails,
  },
};
