import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../errors.js';
import { createApiKeyVerifier } from './api-key-verifier.js';
import { assertValidKeyPair, displaySecretKey, generateKeyPair, hashSecretKey } from './api-keys.js';
import type { Database } from './db.js';
import { openDatabase } from './db.js';
import { migratePostgres } from './migrate.js';
import { createProjectWithKey, ensureProjectKey, listProjects } from './projects.js';
import { freshDatabase, pgTargets } from './testdata/targets.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ApiError ? err.code : 'not an ApiError';
  }
  return undefined;
}

describe('key helpers', () => {
  it('generates Langfuse-shaped pairs and shows only the tail of the secret', () => {
    const pair = generateKeyPair();
    expect(pair.publicKey).toMatch(new RegExp(`^pk-lf-${UUID}$`));
    expect(pair.secretKey).toMatch(new RegExp(`^sk-lf-${UUID}$`));
    expect(displaySecretKey(pair.secretKey)).toBe(`sk-lf-...${pair.secretKey.slice(-4)}`);
    expect(hashSecretKey(pair.secretKey)).toBe(createHash('sha256').update(pair.secretKey).digest('hex'));
  });

  it('rejects predefined keys with the wrong prefix or length, without echoing the secret', () => {
    expect(codeOf(() => assertValidKeyPair({ publicKey: 'pk-lf-1234567890', secretKey: 'sk-lf-1234567890' }))).toBeUndefined();
    expect(codeOf(() => assertValidKeyPair({ publicKey: 'pk-1234567890', secretKey: 'sk-lf-1234567890' }))).toBe('invalid_request');
    expect(codeOf(() => assertValidKeyPair({ publicKey: 'pk-lf-1234567890', secretKey: 'sk-lf-123' }))).toBe('invalid_request');
    expect(codeOf(() => assertValidKeyPair({ publicKey: 'pk-lf-1234567890', secretKey: `sk-lf-${'x'.repeat(300)}` }))).toBe(
      'invalid_request',
    );
    expect(() => assertValidKeyPair({ publicKey: 'pk-lf-1234567890', secretKey: 'wrong-secret-value' })).toThrow(
      /^(?!.*wrong-secret-value).*must start with "sk-lf-"/,
    );
  });
});

for (const target of pgTargets()) {
  describe.skipIf(target.skip)(`projects and API keys on ${target.name}`, () => {
    let db: Kysely<Database>;
    let url: string;
    let drop: () => Promise<void>;
    const extra: Array<Kysely<Database>> = [];

    beforeAll(async () => {
      const fresh = await freshDatabase(await target.setup());
      url = fresh.url;
      drop = fresh.drop;
      db = openDatabase(url);
      await migratePostgres(db);
    });
    afterAll(async () => {
      await Promise.all([db, ...extra].map((d) => d?.destroy()));
      await drop?.();
      await target.teardown();
    });

    const keyRow = (publicKey: string) =>
      db.selectFrom('api_keys').selectAll().where('public_key', '=', publicKey).executeTakeFirst();

    it('creates an organization, a project and a key, storing only the hash of the secret', async () => {
      const created = await createProjectWithKey(db, { projectName: 'Shop', organizationName: 'Acme', note: 'ci' });
      expect(created.publicKey).toMatch(/^pk-lf-/);
      const row = await keyRow(created.publicKey);
      expect(row).toMatchObject({
        project_id: created.projectId,
        hashed_secret_key: hashSecretKey(created.secretKey),
        display_secret_key: displaySecretKey(created.secretKey),
        note: 'ci',
        last_used_at: null,
      });
      expect(JSON.stringify(row)).not.toContain(created.secretKey);
      expect(await listProjects(db, created.projectId)).toEqual([
        { id: created.projectId, name: 'Shop', organization: { id: created.organizationId, name: 'Acme' }, metadata: {} },
      ]);
      expect(await listProjects(db, 'no-such-project')).toEqual([]);
    });

    it('takes predefined keys, refuses malformed ones and a public key already in use', async () => {
      const pair = { publicKey: 'pk-lf-predefined-0001', secretKey: 'sk-lf-predefined-0001' };
      const created = await createProjectWithKey(db, { projectName: 'P', ...pair });
      expect(created).toMatchObject(pair);
      await expect(createProjectWithKey(db, { projectName: 'P', ...pair })).rejects.toMatchObject({ code: 'conflict' });
      await expect(createProjectWithKey(db, { projectName: 'P', publicKey: 'pk-lf-only-public-key' })).rejects.toMatchObject({
        code: 'invalid_request',
      });
      await expect(
        createProjectWithKey(db, { projectName: 'P', publicKey: 'pk-lf-predefined-0002', secretKey: 'nope-0002-0002' }),
      ).rejects.toMatchObject({ code: 'invalid_request' });
      const projects = await db.selectFrom('projects').select('id').where('name', '=', 'P').execute();
      expect(projects).toHaveLength(1);
    });

    it('verifies the right pair, rejects a wrong secret and an unknown key, and records use', async () => {
      const created = await createProjectWithKey(db, { projectName: 'Verify' });
      const verifier = createApiKeyVerifier(db);
      expect(await verifier.verify(created.publicKey, created.secretKey)).toEqual({
        projectId: created.projectId,
        publicKey: created.publicKey,
      });
      expect(await verifier.verify(created.publicKey, `${created.secretKey}x`)).toBeNull();
      expect(await verifier.verify('pk-lf-unknown', created.secretKey)).toBeNull();
      await vi.waitFor(async () => expect((await keyRow(created.publicKey))?.last_used_at).toBeInstanceOf(Date));
    });

    it('serves accepted pairs from the cache until invalidated', async () => {
      const created = await createProjectWithKey(db, { projectName: 'Cached' });
      const verifier = createApiKeyVerifier(db);
      const expected = { projectId: created.projectId, publicKey: created.publicKey };
      expect(await verifier.verify(created.publicKey, created.secretKey)).toEqual(expected);
      await db.deleteFrom('api_keys').where('public_key', '=', created.publicKey).execute();
      expect(await verifier.verify(created.publicKey, created.secretKey)).toEqual(expected);
      verifier.invalidate(created.publicKey);
      expect(await verifier.verify(created.publicKey, created.secretKey)).toBeNull();
    });

    it('remembers rejections too, and asks again after invalidate', async () => {
      const pair = generateKeyPair();
      const verifier = createApiKeyVerifier(db);
      expect(await verifier.verify(pair.publicKey, pair.secretKey)).toBeNull();
      const { projectId } = await ensureProjectKey(db, pair);
      expect(await verifier.verify(pair.publicKey, pair.secretKey)).toBeNull();
      verifier.invalidate(pair.publicKey);
      expect(await verifier.verify(pair.publicKey, pair.secretKey)).toEqual({ projectId, publicKey: pair.publicKey });
    });

    it('asks Postgres again once an entry expires or is evicted', async () => {
      const a = await createProjectWithKey(db, { projectName: 'A' });
      const b = await createProjectWithKey(db, { projectName: 'B' });
      const noCache = createApiKeyVerifier(db, { cacheTtlMs: 0 });
      const tiny = createApiKeyVerifier(db, { maxEntries: 1 });
      expect(await noCache.verify(a.publicKey, a.secretKey)).not.toBeNull();
      expect(await tiny.verify(a.publicKey, a.secretKey)).not.toBeNull();
      expect(await tiny.verify(b.publicKey, b.secretKey)).not.toBeNull();
      await db.deleteFrom('api_keys').where('public_key', '=', a.publicKey).execute();
      expect(await noCache.verify(a.publicKey, a.secretKey)).toBeNull();
      expect(await tiny.verify(a.publicKey, a.secretKey)).toBeNull();
    });

    it('ensureProjectKey creates once, then returns the same project, and refuses another secret', async () => {
      const pair = generateKeyPair();
      const first = await ensureProjectKey(db, { ...pair, projectName: 'Init', organizationName: 'Init Org' });
      expect(first.created).toBe(true);
      expect(await ensureProjectKey(db, pair)).toEqual({ projectId: first.projectId, created: false });
      const other = { ...pair, secretKey: generateKeyPair().secretKey };
      await expect(ensureProjectKey(db, other)).rejects.toMatchObject({ code: 'conflict' });
      await expect(ensureProjectKey(db, other)).rejects.not.toThrow(other.secretKey);
      expect((await keyRow(pair.publicKey))?.hashed_secret_key).toBe(hashSecretKey(pair.secretKey));
      expect((await listProjects(db, first.projectId))[0]).toMatchObject({ name: 'Init', organization: { name: 'Init Org' } });
    });

    it('ensureProjectKey is safe when several processes run it at once', async () => {
      const pair = generateKeyPair();
      const organizationName = `Race ${pair.publicKey}`;
      for (let i = 0; i < 4; i++) extra.push(openDatabase(url, { max: 1 }));
      const results = await Promise.all(extra.slice(-4).map((d) => ensureProjectKey(d, { ...pair, organizationName })));
      expect(new Set(results.map((r) => r.projectId)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const orgs = await db.selectFrom('organizations').select('id').where('name', '=', organizationName).execute();
      expect(orgs).toHaveLength(1);
    });

    it('ensureProjectKey attaches the key to a given project id, creating the project when missing', async () => {
      const projectId = `project-${generateKeyPair().publicKey}`;
      const first = generateKeyPair();
      expect(await ensureProjectKey(db, { ...first, projectId })).toEqual({ projectId, created: true });
      const second = generateKeyPair();
      expect(await ensureProjectKey(db, { ...second, projectId })).toEqual({ projectId, created: true });
      const keys = await db.selectFrom('api_keys').select('public_key').where('project_id', '=', projectId).execute();
      expect(keys.map((k) => k.public_key).sort()).toEqual([first.publicKey, second.publicKey].sort());
      await expect(ensureProjectKey(db, { ...first, projectId: 'another' })).rejects.toMatchObject({ code: 'conflict' });
    });
  });
}
