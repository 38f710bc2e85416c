export { createApiKeyVerifier } from './api-key-verifier.js';
export type { ApiKeyVerifierOptions, CachingApiKeyVerifier } from './api-key-verifier.js';
export {
  PUBLIC_KEY_PREFIX,
  SECRET_KEY_PREFIX,
  assertValidKeyPair,
  displaySecretKey,
  generateKeyPair,
  hashSecretKey,
} from './api-keys.js';
export type { KeyPair } from './api-keys.js';
export { openDatabase } from './db.js';
export type { Database, OpenDatabaseOptions } from './db.js';
export { MIGRATIONS_DIR, listMigrations, migratePostgres } from './migrate.js';
export type { MigrationFile } from './migrate.js';
export { createProjectWithKey, ensureProjectKey, listProjects } from './projects.js';
export type { CreateProjectInput, CreatedProject, EnsureProjectKeyInput, ProjectSummary } from './projects.js';
