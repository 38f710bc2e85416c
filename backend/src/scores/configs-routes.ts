import Router from '@koa/router';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuthState } from '../api/middleware/auth.js';
import { parseInput } from '../api/query.js';
import { pagination } from '../api/routes/params.js';
import { ApiError, notFound } from '../errors.js';
import type { Database } from '../postgres/index.js';
import { readJsonBody } from '../api/body.js';
import {
  getScoreConfig,
  insertScoreConfig,
  listScoreConfigs,
  updateScoreConfig,
  type ScoreConfigValues,
} from './configs-repository.js';
import { createScoreConfigBody, updateScoreConfigBody, type ScoreConfig } from './schemas.js';

const BOOLEAN_CATEGORIES = [
  { label: 'True', value: 1 },
  { label: 'False', value: 0 },
];

/** The rules a config must satisfy whatever its origin (create or patch); returns it normalized. */
export function checkScoreConfig(values: ScoreConfigValues): ScoreConfigValues {
  const invalid = (message: string) => new ApiError('invalid_request', message);
  const { dataType, categories, minValue, maxValue } = values;
  if (dataType !== 'NUMERIC' && (minValue !== null || maxValue !== null)) {
    throw invalid(`minValue and maxValue apply to NUMERIC configs only, not ${dataType}`);
  }
  if (minValue !== null && maxValue !== null && minValue > maxValue) {
    throw invalid('minValue must not be greater than maxValue');
  }
  if (dataType === 'CATEGORICAL') {
    if (!categories || categories.length === 0) throw invalid('CATEGORICAL configs need at least one category');
    if (new Set(categories.map((c) => c.label)).size !== categories.length) throw invalid('Category labels must be unique');
    if (new Set(categories.map((c) => c.value)).size !== categories.length) throw invalid('Category values must be unique');
    return values;
  }
  if (dataType === 'BOOLEAN') {
    // Boolean categories are fixed; Langfuse generates them and refuses custom ones.
    const custom = categories && JSON.stringify(categories) !== JSON.stringify(BOOLEAN_CATEGORIES);
    if (custom) throw invalid('BOOLEAN configs have fixed categories (True = 1, False = 0); do not pass categories');
    return { ...values, categories: BOOLEAN_CATEGORIES };
  }
  if (categories && categories.length > 0) throw invalid(`Categories apply to CATEGORICAL configs only, not ${dataType}`);
  return { ...values, categories: null };
}

const listQuery = z.object(pagination(100));

/** `GET/POST /api/public/score-configs`, `GET/PATCH /api/public/score-configs/:configId`. */
export function scoreConfigRoutes(deps: { db: Kysely<Database> }): Router<AuthState> {
  const router = new Router<AuthState>();
  const find = async (projectId: string, id: string): Promise<ScoreConfig> => {
    const config = await getScoreConfig(deps.db, projectId, id);
    if (!config) throw notFound('Score config');
    return config;
  };
  router.get('/api/public/score-configs', async (ctx) => {
    const { page, limit } = parseInput(listQuery, ctx.query);
    const { data, totalItems } = await listScoreConfigs(deps.db, ctx.state.project.projectId, { page, limit });
    ctx.body = { data, meta: { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) } };
  });
  router.post('/api/public/score-configs', async (ctx) => {
    const body = parseInput(createScoreConfigBody, await readJsonBody(ctx));
    const values = checkScoreConfig({
      name: body.name,
      dataType: body.dataType,
      isArchived: false,
      minValue: body.minValue ?? null,
      maxValue: body.maxValue ?? null,
      categories: body.categories ?? null,
      description: body.description ?? null,
    });
    ctx.body = await insertScoreConfig(deps.db, ctx.state.project.projectId, values);
  });
  router.get('/api/public/score-configs/:configId', async (ctx) => {
    ctx.body = await find(ctx.state.project.projectId, ctx.params.configId!);
  });
  router.patch('/api/public/score-configs/:configId', async (ctx) => {
    const patch = parseInput(updateScoreConfigBody, await readJsonBody(ctx));
    const { projectId } = ctx.state.project;
    const current = await find(projectId, ctx.params.configId!);
    const values = checkScoreConfig({
      name: patch.name ?? current.name,
      dataType: current.dataType,
      isArchived: patch.isArchived ?? current.isArchived,
      minValue: patch.minValue === undefined ? current.minValue : patch.minValue,
      maxValue: patch.maxValue === undefined ? current.maxValue : patch.maxValue,
      categories: patch.categories === undefined ? current.categories : patch.categories,
      description: patch.description === undefined ? current.description : patch.description,
    });
    const updated = await updateScoreConfig(deps.db, projectId, current.id, values);
    if (!updated) throw notFound('Score config');
    ctx.body = updated;
  });
  return router;
}
