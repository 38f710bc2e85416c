import type { Middleware } from 'koa';
import type { ApiKeyVerifier, AuthenticatedProject } from '@spanlight/collector';
import { parseBasicAuth } from '@spanlight/collector';
import { ApiError } from '../../errors.js';

export interface AuthState {
  project: AuthenticatedProject;
}

/** HTTP Basic `publicKey:secretKey` → `ctx.state.project`; every public route below it is project-scoped. */
export function basicAuth(keys: ApiKeyVerifier): Middleware<AuthState> {
  return async (ctx, next) => {
    const credentials = parseBasicAuth(ctx.get('authorization'));
    if (!credentials.ok) {
      throw new ApiError(
        'unauthorized',
        credentials.reason === 'missing'
          ? 'Missing authorization header: use HTTP Basic auth with your public key and secret key'
          : 'Malformed authorization header: expected Basic base64(publicKey:secretKey)',
      );
    }
    const project = await keys.verify(credentials.publicKey, credentials.secretKey);
    if (!project) throw new ApiError('unauthorized', 'Invalid credentials: unknown public key or wrong secret key');
    ctx.state.project = project;
    await next();
  };
}
