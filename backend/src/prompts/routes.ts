import Router from '@koa/router';
import type { Kysely } from 'kysely';
import { readJsonBody } from '../api/body.js';
import type { AuthState } from '../api/middleware/auth.js';
import { parseInput } from '../api/query.js';
import { ApiError } from '../errors.js';
import type { Database } from '../postgres/index.js';
import { LocalPromptCache, type PromptCache } from './cache.js';
import {
  PRODUCTION_LABEL,
  createPromptSchema,
  deletePromptQuery,
  getPromptQuery,
  legacyCreatePromptSchema,
  legacyGetPromptQuery,
  listPromptsQuery,
  updateLabelsBody,
  versionParam,
} from './schemas.js';
import { createPromptService } from './service.js';

export interface PromptsRoutesDeps {
  db: Kysely<Database>;
  /** Shared with the runtime (Redis-backed across replicas); an in-process cache when absent. */
  promptCache?: PromptCache;
}

/** Langfuse's prompt management API: `/api/public/v2/prompts…` and the legacy `/api/public/prompts`. */
export function promptsRoutes(deps: PromptsRoutesDeps): Router<AuthState> {
  const service = createPromptService(deps.db, deps.promptCache ?? new LocalPromptCache());
  const router = new Router<AuthState>();

  router.get('/api/public/v2/prompts', async (ctx) => {
    ctx.body = await service.list(ctx.state.project.projectId, parseInput(listPromptsQuery, ctx.query));
  });
  router.post('/api/public/v2/prompts', async (ctx) => {
    const input = parseInput(createPromptSchema, await readJsonBody(ctx));
    ctx.status = 201;
    ctx.body = await service.create(ctx.state.project.projectId, input);
  });
  router.get('/api/public/v2/prompts/:name', async (ctx) => {
    const query = parseInput(getPromptQuery, ctx.query);
    ctx.type = 'application/json';
    ctx.body = await service.getJson(ctx.state.project.projectId, ctx.params.name!, query);
  });
  router.delete('/api/public/v2/prompts/:name', async (ctx) => {
    await service.delete(ctx.state.project.projectId, ctx.params.name!, parseInput(deletePromptQuery, ctx.query));
    ctx.status = 204;
  });
  router.patch('/api/public/v2/prompts/:name/versions/:version', async (ctx) => {
    const version = parseInput(versionParam, ctx.params.version);
    const { newLabels } = parseInput(updateLabelsBody, await readJsonBody(ctx));
    ctx.body = await service.addLabels(ctx.state.project.projectId, ctx.params.name!, version, newLabels);
  });

  router.get('/api/public/prompts', async (ctx) => {
    const { name, version } = parseInput(legacyGetPromptQuery, ctx.query);
    ctx.type = 'application/json';
    ctx.body = await service
      .getJson(ctx.state.project.projectId, name, { version, resolve: true })
      .catch((err: unknown) => {
        // The v1 route answers a bare "Prompt not found".
        throw err instanceof ApiError && err.code === 'not_found' ? new ApiError('not_found', 'Prompt not found') : err;
      });
  });
  router.post('/api/public/prompts', async (ctx) => {
    const { isActive, ...input } = parseInput(legacyCreatePromptSchema, await readJsonBody(ctx));
    const labels = isActive ? [...new Set([...input.labels, PRODUCTION_LABEL])] : input.labels;
    ctx.status = 201;
    ctx.body = await service.create(ctx.state.project.projectId, { ...input, labels });
  });
  return router;
}
