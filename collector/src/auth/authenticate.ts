import { CollectorError } from '../errors.js';
import { parseBasicAuth } from './basic.js';
import type { ApiKeyVerifier, AuthenticatedProject } from './types.js';

/** The project of an `authorization` header or gRPC metadata value, or an 'unauthenticated' error. */
export async function authenticate(header: string | undefined, keys: ApiKeyVerifier): Promise<AuthenticatedProject> {
  const credentials = parseBasicAuth(header);
  if (!credentials.ok) {
    throw new CollectorError(
      'unauthenticated',
      credentials.reason === 'missing'
        ? 'missing authorization: send Basic base64(publicKey:secretKey) with your project keys'
        : 'malformed authorization: expected Basic base64(publicKey:secretKey)',
    );
  }
  const project = await keys.verify(credentials.publicKey, credentials.secretKey);
  if (!project) throw new CollectorError('unauthenticated', 'invalid credentials: unknown public key or wrong secret key');
  return project;
}
