import type { ClickHouseClient } from '@clickhouse/client';
import type Router from '@koa/router';
import type { AuthState } from '../middleware/auth.js';
import { observationsRoutes } from './observations.js';
import { sessionsRoutes } from './sessions.js';
import { tracesRoutes } from './traces.js';

export { observationsRoutes } from './observations.js';
export { sessionsRoutes } from './sessions.js';
export { tracesRoutes } from './traces.js';

/** The ClickHouse-backed read routes (traces, observations, sessions), each scoped to the caller's project. */
export function readRoutes(deps: { clickhouse: ClickHouseClient }): Router<AuthState>[] {
  return [tracesRoutes(deps), observationsRoutes(deps), sessionsRoutes(deps)];
}
