import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { ApiError } from '../errors.js';
import { assertValidKeyPair, displaySecretKey, generateKeyPair, hashSecretKey, sameHash } from './api-keys.js';
import type { Database } from './db.js';

const DEFAULT_ORGANIZATION = 'Spanlight';
const DEFAULT_PROJECT = 'Default Project';
const UNIQUE_VIOLATION = '23505';

export interface CreateProjectInput {
  projectName: string;
  organizationName?: string;
  publicKey?: string;
  secretKey?: string;
  note?: string;
}

export interface CreatedProject {
  projectId: string;
  organizationId: string;
  publicKey: string;
  /** Shown once; only its hash is stored. */
  secretKey: string;
}

/** Creates an organization, a project in it and one API key (generated unless both keys are given). */
export async function createProjectWithKey(db: Kysely<Database>, input: CreateProjectInput): Promise<CreatedProject> {
  const pair = keyPairOf(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const organizationId = await insertOrganization(trx, input.organizationName ?? DEFAULT_ORGANIZATION);
      const projectId = await insertProject(trx, organizationId, input.projectName);
      await insertKey(trx, projectId, pair.publicKey, pair.secretKey, input.note);
      return { projectId, organizationId, ...pair };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError('conflict', `The public key ${pair.publicKey} already exists`);
    throw err;
  }
}

export interface EnsureProjectKeyInput {
  publicKey: string;
  secretKey: string;
  projectName?: string;
  organizationName?: string;
  /** Attach the key to this project (created with this id when missing). */
  projectId?: string;
}

/**
 * Idempotent init from configured keys: an existing key with the same secret is kept, one with a
 * different secret is an error (rotating silently would lock out clients using the old secret).
 * Concurrent callers race on the unique constraints; the loser re-reads what the winner wrote.
 */
export async function ensureProjectKey(
  db: Kysely<Database>,
  input: EnsureProjectKeyInput,
): Promise<{ projectId: string; created: boolean }> {
  assertValidKeyPair(input);
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await db
      .selectFrom('api_keys')
      .select(['project_id', 'hashed_secret_key'])
      .where('public_key', '=', input.publicKey)
      .executeTakeFirst();
    if (existing) {
      if (!sameHash(existing.hashed_secret_key, hashSecretKey(input.secretKey))) {
        throw new ApiError(
          'conflict',
          `The public key ${input.publicKey} already exists with a different secret key; delete the key or configure its original secret`,
        );
      }
      if (input.projectId !== undefined && input.projectId !== existing.project_id) {
        throw new ApiError('conflict', `The public key ${input.publicKey} belongs to another project than ${input.projectId}`);
      }
      return { projectId: existing.project_id, created: false };
    }
    try {
      const projectId = await db.transaction().execute(async (trx) => {
        const id = await projectFor(trx, input);
        await insertKey(trx, id, input.publicKey, input.secretKey);
        return id;
      });
      return { projectId, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new ApiError('conflict', `Could not create or read the key ${input.publicKey}: concurrent changes kept conflicting`);
}

export interface ProjectSummary {
  id: string;
  name: string;
  organization: { id: string; name: string };
  metadata: Record<string, unknown>;
}

/** What `GET /api/public/projects` lists for a project key: that key's project only. */
export async function listProjects(db: Kysely<Database>, projectId: string): Promise<ProjectSummary[]> {
  const rows = await db
    .selectFrom('projects')
    .innerJoin('organizations', 'organizations.id', 'projects.organization_id')
    .select([
      'projects.id as id',
      'projects.name as name',
      'projects.metadata as metadata',
      'organizations.id as organization_id',
      'organizations.name as organization_name',
    ])
    .where('projects.id', '=', projectId)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    organization: { id: row.organization_id, name: row.organization_name },
    metadata: row.metadata ?? {},
  }));
}

function keyPairOf(input: CreateProjectInput): { publicKey: string; secretKey: string } {
  if (input.publicKey === undefined && input.secretKey === undefined) return generateKeyPair();
  if (input.publicKey === undefined || input.secretKey === undefined) {
    throw new ApiError('invalid_request', 'Give both the public key and the secret key, or neither to generate them');
  }
  const pair = { publicKey: input.publicKey, secretKey: input.secretKey };
  assertValidKeyPair(pair);
  return pair;
}

async function projectFor(trx: Transaction<Database>, input: EnsureProjectKeyInput): Promise<string> {
  if (input.projectId !== undefined) {
    const found = await trx.selectFrom('projects').select('id').where('id', '=', input.projectId).executeTakeFirst();
    if (found) return found.id;
  }
  const organizationId = await insertOrganization(trx, input.organizationName ?? DEFAULT_ORGANIZATION);
  return insertProject(trx, organizationId, input.projectName ?? DEFAULT_PROJECT, input.projectId);
}

async function insertOrganization(trx: Transaction<Database>, name: string): Promise<string> {
  const id = randomUUID();
  await trx.insertInto('organizations').values({ id, name }).execute();
  return id;
}

async function insertProject(
  trx: Transaction<Database>,
  organizationId: string,
  name: string,
  id: string = randomUUID(),
): Promise<string> {
  await trx.insertInto('projects').values({ id, organization_id: organizationId, name }).execute();
  return id;
}

async function insertKey(
  trx: Transaction<Database>,
  projectId: string,
  publicKey: string,
  secretKey: string,
  note?: string,
): Promise<void> {
  await trx
    .insertInto('api_keys')
    .values({
      id: randomUUID(),
      project_id: projectId,
      public_key: publicKey,
      hashed_secret_key: hashSecretKey(secretKey),
      display_secret_key: displaySecretKey(secretKey),
      note: note ?? null,
    })
    .execute();
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === UNIQUE_VIOLATION;
}
