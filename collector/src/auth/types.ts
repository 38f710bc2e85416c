/** The project an API key pair belongs to. */
export interface AuthenticatedProject {
  projectId: string;
  publicKey: string;
}

export type AuthResult =
  | { ok: true; project: AuthenticatedProject }
  | { ok: false; reason: 'missing' | 'malformed' | 'invalid' };

/**
 * Checks a public/secret key pair. The backend implements it over Postgres; the collector only reads
 * through it, never writes.
 */
export interface ApiKeyVerifier {
  verify(publicKey: string, secretKey: string): Promise<AuthenticatedProject | null>;
}
