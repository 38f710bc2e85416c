import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { parseInput } from '../api/query.js';
import { ApiError } from '../errors.js';
import { readJsonBody } from '../api/body.js';
import type { WriteAuthState } from './auth.js';
import { bufferEvents, type BufferDeps } from './producer.js';
import { EVENT_BODIES, type EventType } from './schemas.js';

/** Route → event type, and the body field a PATCH names its entity by (Langfuse's legacy request shapes). */
const LEGACY_ROUTES: Array<{ method: 'post' | 'patch'; path: string; type: EventType; idField?: string }> = [
  { method: 'post', path: '/api/public/traces', type: 'trace-create' },
  { method: 'post', path: '/api/public/spans', type: 'span-create' },
  { method: 'patch', path: '/api/public/spans', type: 'span-update', idField: 'spanId' },
  { method: 'post', path: '/api/public/generations', type: 'generation-create' },
  { method: 'patch', path: '/api/public/generations', type: 'generation-update', idField: 'generationId' },
  { method: 'post', path: '/api/public/events', type: 'event-create' },
];

/**
 * Langfuse's legacy single-object write routes: each request becomes one ingestion event, buffered
 * and merged exactly like `POST /api/public/ingestion` events. Answers `{ id }`.
 */
export function addLegacyObjectRoutes(
  router: Router<WriteAuthState>,
  auth: Middleware<WriteAuthState>,
  buffer: () => BufferDeps,
): void {
  for (const route of LEGACY_ROUTES) {
    router[route.method](route.path, auth, async (ctx) => {
      if (ctx.state.accessLevel !== 'project') throw new ApiError('forbidden', 'Access Scope Denied: this route needs a secret key');
      const raw = await readJsonBody(ctx);
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ApiError('invalid_request', 'Invalid request data');
      const input = { ...(raw as Record<string, unknown>) };
      if (route.idField) {
        input.id ??= input[route.idField];
        delete input[route.idField];
        if (typeof input.id !== 'string') throw new ApiError('invalid_request', `Invalid request data: ${route.idField} is required`);
      }
      input.id ??= randomUUID();
      const body = parseInput(EVENT_BODIES[route.type], input) as Record<string, unknown>;
      const event = { id: randomUUID(), timestamp: new Date().toISOString(), type: route.type, body };
      await bufferEvents(ctx.state.project.projectId, [event], buffer());
      ctx.body = { id: body.id };
    });
  }
}
