import type { ClickHouseClient } from '@clickhouse/client';
import Router from '@koa/router';
import type { Kysely } from 'kysely';
import type { AuthState } from '../api/middleware/auth.js';
import { parseInput } from '../api/query.js';
import { readJsonBody } from '../api/body.js';
import { ApiError, notFound } from '../errors.js';
import type { Database } from '../postgres/index.js';
import { commentDb, findComment, insertComment, listComments, objectExists } from './repository.js';
import { createCommentBody, listCommentsQuery } from './schemas.js';

/** `POST/GET /api/public/comments` and `GET /api/public/comments/:id`, scoped to the caller's project. */
export function commentsRoutes(deps: { db: Kysely<Database>; clickhouse: ClickHouseClient }): Router<AuthState> {
  const db = commentDb(deps.db);
  const router = new Router<AuthState>({ prefix: '/api/public/comments' });
  router.post('/', async (ctx) => {
    const body = parseInput(createCommentBody, await readJsonBody(ctx));
    const projectId = ctx.state.project.projectId;
    if (body.projectId !== projectId) throw new ApiError('invalid_request', 'projectId does not match the project of the API key');
    if (!(await objectExists(deps.clickhouse, projectId, body.objectType, body.objectId))) {
      throw new ApiError('not_found', `No ${body.objectType.toLowerCase()} with id ${body.objectId} in this project`);
    }
    ctx.body = { id: await insertComment(db, projectId, body) };
  });
  router.get('/', async (ctx) => {
    const query = parseInput(listCommentsQuery, ctx.query);
    if (query.objectId && !query.objectType) throw new ApiError('invalid_request', 'objectType is required when objectId is given');
    ctx.body = await listComments(db, ctx.state.project.projectId, query);
  });
  router.get('/:id', async (ctx) => {
    const comment = await findComment(db, ctx.state.project.projectId, ctx.params.id!);
    if (!comment) throw notFound('Comment');
    ctx.body = comment;
  });
  return router;
}
