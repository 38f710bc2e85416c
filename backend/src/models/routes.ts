import Router from '@koa/router';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuthState } from '../api/middleware/auth.js';
import { parseInput } from '../api/query.js';
import { pagination } from '../api/routes/params.js';
import { ApiError, notFound } from '../errors.js';
import type { Database } from '../postgres/index.js';
import { readJsonBody } from '../api/body.js';
import type { ModelCatalog } from './catalog.js';
import { defaultModels } from './defaults.js';
import { tiersOf } from './definition.js';
import { deleteModel, getModel, insertModel, loadModels } from './repository.js';
import { createModelBody, type ModelDefinition } from './schemas.js';
import { toWireModel } from './wire.js';

const listQuery = z.object(pagination(100));

export interface ModelRoutesDeps {
  db: Kysely<Database>;
  /** Refreshed right after a write, so this process prices with the change at once. */
  modelCatalog?: ModelCatalog;
}

const managed = (id: string): ModelDefinition | undefined => defaultModels().models.find((m) => m.id === id);

/** `GET/POST /api/public/models`, `GET/DELETE /api/public/models/:id`. */
export function modelsRoutes(deps: ModelRoutesDeps): Router<AuthState> {
  const router = new Router<AuthState>();
  router.get('/api/public/models', async (ctx) => {
    const { page, limit } = parseInput(listQuery, ctx.query);
    // The project's definitions first (they take precedence), then the managed defaults.
    const all = [...(await loadModels(deps.db, ctx.state.project.projectId)), ...defaultModels().models];
    ctx.body = {
      data: all.slice((page - 1) * limit, page * limit).map(toWireModel),
      meta: { page, limit, totalItems: all.length, totalPages: Math.ceil(all.length / limit) },
    };
  });
  router.post('/api/public/models', async (ctx) => {
    const body = parseInput(createModelBody, await readJsonBody(ctx));
    const created = await insertModel(deps.db, ctx.state.project.projectId, {
      modelName: body.modelName,
      matchPattern: body.matchPattern,
      startDate: body.startDate ? new Date(body.startDate) : null,
      unit: body.unit ?? 'TOKENS',
      tokenizerId: body.tokenizerId ?? null,
      tokenizerConfig: body.tokenizerConfig ?? null,
      tiers: tiersOf(body),
    });
    if (!created) throw new ApiError('conflict', `A model named "${body.modelName}" with this start date and unit already exists`);
    await deps.modelCatalog?.refresh();
    ctx.body = toWireModel(created);
  });
  router.get('/api/public/models/:id', async (ctx) => {
    const model = (await getModel(deps.db, ctx.state.project.projectId, ctx.params.id!)) ?? managed(ctx.params.id!);
    if (!model) throw notFound('Model');
    ctx.body = toWireModel(model);
  });
  router.delete('/api/public/models/:id', async (ctx) => {
    const id = ctx.params.id!;
    if (!(await deleteModel(deps.db, ctx.state.project.projectId, id))) {
      if (managed(id)) throw new ApiError('not_found', 'Langfuse-managed models cannot be deleted; create a project model to override its prices');
      throw notFound('Model');
    }
    await deps.modelCatalog?.refresh();
    ctx.body = { message: 'Model successfully deleted' };
  });
  return router;
}
