import Router from '@koa/router';
import type { Kysely } from 'kysely';
import { listProjects, type Database } from '../../postgres/index.js';
import type { AuthState } from '../middleware/auth.js';

/** `GET /api/public/projects`: the key's own project (project keys see exactly one). */
export function projectsRoutes(deps: { db: Kysely<Database> }): Router<AuthState> {
  const router = new Router<AuthState>();
  router.get('/api/public/projects', async (ctx) => {
    ctx.body = { data: await listProjects(deps.db, ctx.state.project.projectId) };
  });
  return router;
}
