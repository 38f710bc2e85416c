import type { ApiKeyVerifier } from '@spanlight/collector';
import type { Middleware } from 'koa';
import type { Kysely } from 'kysely';
import { basicAuth, type AuthState } from '../api/middleware/auth.js';
import { ApiError } from '../errors.js';
import type { Database } from '../postgres/index.js';

/** `project`: a full key pair; `scores`: only the public key (browser-side feedback), which may write scores only. */
export type AccessLevel = 'project' | 'scores';
export interface WriteAuthState extends AuthState {
  accessLevel: AccessLevel;
}

/**
 * Basic auth, or `Authorization: Bearer <publicKey>` with the narrower `scores` access level, as
 * Langfuse allows on its score-writing routes.
 */
export function basicOrPublicKeyAuth(keys: ApiKeyVerifier, db: Kysely<Database>): Middleware<WriteAuthState> {
  const basic = basicAuth(keys);
  return async (ctx, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'));
    if (!match) {
      ctx.state.accessLevel = 'project';
      return basic(ctx, next);
    }
    const publicKey = match[1]!;
    const row = await db.selectFrom('api_keys').select('project_id').where('public_key', '=', publicKey).executeTakeFirst();
    if (!row) throw new ApiError('unauthorized', 'Invalid credentials: unknown public key');
    ctx.state.project = { projectId: row.project_id, publicKey };
    ctx.state.accessLevel = 'scores';
    await next();
  };
}
