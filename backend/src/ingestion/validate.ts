import type { z } from 'zod';
import { inflateScore, type ConfigLookup, type ScoreBody } from '../scores/index.js';
import type { AccessLevel } from './auth.js';
import { EVENT_BODIES, eventEnvelope, type EventType, type IngestionEvent } from './schemas.js';

export interface EventSuccess {
  id: string;
  status: 201;
}
export interface EventError {
  id: string;
  status: number;
  message: string;
  error: string;
}

export interface ValidatedBatch {
  /** Events to buffer, in processing order: by envelope timestamp, creates before updates. */
  accepted: IngestionEvent[];
  successes: EventSuccess[];
  errors: EventError[];
}

const SCOPE_SCORES = new Set<EventType>(['score-create', 'sdk-log']);
const UPDATES = new Set<EventType>(['span-update', 'generation-update', 'observation-update']);

/**
 * Validates each event of a batch on its own: envelope, the type's body schema, access level, and
 * for scores the value against its config. One bad event never affects the others.
 */
export async function validateBatch(
  batch: readonly unknown[],
  options: { accessLevel: AccessLevel; lookupConfig: ConfigLookup },
): Promise<ValidatedBatch> {
  const result: ValidatedBatch = { accepted: [], successes: [], errors: [] };
  for (const raw of batch) {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const fallbackId = typeof rawId === 'string' ? rawId : 'unknown';
    const envelope = eventEnvelope.safeParse(raw);
    if (!envelope.success) {
      result.errors.push(invalid(fallbackId, envelope.error));
      continue;
    }
    const { id, timestamp, type } = envelope.data;
    if (options.accessLevel === 'scores' && !SCOPE_SCORES.has(type)) {
      result.errors.push({ id, status: 401, message: 'Authentication error', error: 'Access Scope Denied' });
      continue;
    }
    if (type === 'dataset-run-item-create') {
      result.errors.push({ id, status: 400, message: 'dataset-run-item-create events are only allowed for internal usage', error: 'InvalidRequestError' });
      continue;
    }
    const body = EVENT_BODIES[type].safeParse(envelope.data.body);
    if (!body.success) {
      result.errors.push(invalid(id, body.error));
      continue;
    }
    // SDK debug logs are neither stored nor reported, as in Langfuse.
    if (type === 'sdk-log') continue;
    if (type !== 'score-create') {
      result.accepted.push({ id, timestamp, type, body: body.data as Record<string, unknown> });
      result.successes.push({ id, status: 201 });
      continue;
    }
    const inflated = await inflateScore(body.data as ScoreBody, options.lookupConfig);
    if (!inflated.ok) {
      result.errors.push({ id, status: 400, message: inflated.message, error: 'InvalidRequestError' });
      continue;
    }
    result.accepted.push({ id, timestamp, type, body: inflated.score });
    result.successes.push({ id, status: 201 });
  }
  result.accepted.sort(
    (a, b) => Number(UPDATES.has(a.type)) - Number(UPDATES.has(b.type)) || Date.parse(a.timestamp) - Date.parse(b.timestamp),
  );
  return result;
}

function invalid(id: string, error: z.ZodError): EventError {
  const detail = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return { id, status: 400, message: 'Invalid request data', error: detail };
}
