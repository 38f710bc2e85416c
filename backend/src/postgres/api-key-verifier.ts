import type { Kysely } from 'kysely';
import type { ApiKeyVerifier, AuthenticatedProject, Logger } from '@spanlight/collector';
import { hashSecretKey, sameHash } from './api-keys.js';
import type { Database } from './db.js';

export interface ApiKeyVerifierOptions {
  /** How long an accepted pair is trusted without asking Postgres (default 60 s). */
  cacheTtlMs?: number;
  /** How long a rejected pair stays rejected without asking Postgres (default 5 s). */
  negativeCacheTtlMs?: number;
  /** Bound on cached pairs; the least recently used goes first (default 10 000). */
  maxEntries?: number;
  logger?: Logger;
}

export type CachingApiKeyVerifier = ApiKeyVerifier & {
  /** Forgets every cached outcome for this public key (after its deletion or rotation). */
  invalidate(publicKey: string): void;
};

interface Entry {
  project: AuthenticatedProject | null;
  expiresAt: number;
  keyId?: string;
  lastUsedAt?: number;
}

const LAST_USED_INTERVAL_MS = 60_000;

/**
 * Verifies key pairs against api_keys with an in-memory cache keyed by public key + sha256(secret),
 * so the secret itself is never held. last_used_at is written at most once a minute per key, off the hot path.
 */
export function createApiKeyVerifier(db: Kysely<Database>, options: ApiKeyVerifierOptions = {}): CachingApiKeyVerifier {
  const ttl = options.cacheTtlMs ?? 60_000;
  const negativeTtl = options.negativeCacheTtlMs ?? 5_000;
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();
  // Bumped by invalidate(): a lookup that started before it must not repopulate the cache.
  let epoch = 0;

  const remember = (key: string, entry: Entry): void => {
    cache.delete(key);
    cache.set(key, entry);
    // Map iteration is insertion order and hits re-insert, so the first key is the least recently used.
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  };

  const touch = (entry: Entry, now: number): void => {
    if (!entry.keyId || (entry.lastUsedAt !== undefined && now - entry.lastUsedAt < LAST_USED_INTERVAL_MS)) return;
    entry.lastUsedAt = now;
    db.updateTable('api_keys')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', entry.keyId)
      .execute()
      .catch((err: unknown) =>
        options.logger?.warn('could not record api key use', { publicKey: entry.project?.publicKey, error: String(err) }),
      );
  };

  const load = async (publicKey: string, secretHash: string): Promise<Entry> => {
    const row = await db
      .selectFrom('api_keys')
      .select(['id', 'project_id', 'hashed_secret_key', 'last_used_at'])
      .where('public_key', '=', publicKey)
      .executeTakeFirst();
    const now = Date.now();
    if (!row || !sameHash(row.hashed_secret_key, secretHash)) return { project: null, expiresAt: now + negativeTtl };
    return {
      project: { projectId: row.project_id, publicKey },
      expiresAt: now + ttl,
      keyId: row.id,
      ...(row.last_used_at ? { lastUsedAt: row.last_used_at.getTime() } : {}),
    };
  };

  return {
    async verify(publicKey: string, secretKey: string) {
      const secretHash = hashSecretKey(secretKey);
      const key = `${publicKey}\u0000${secretHash}`;
      const now = Date.now();
      let entry = cache.get(key);
      if (entry && entry.expiresAt > now) {
        remember(key, entry);
      } else {
        const startedAt = epoch;
        let loading = pending.get(key);
        if (!loading) {
          // Concurrent requests with the same pair share one query.
          const started: Promise<Entry> = load(publicKey, secretHash).finally(() => {
            if (pending.get(key) === started) pending.delete(key);
          });
          loading = started;
          pending.set(key, started);
        }
        entry = await loading;
        if (epoch === startedAt) remember(key, entry);
      }
      touch(entry, Date.now());
      return entry.project;
    },
    invalidate(publicKey: string) {
      const prefix = `${publicKey}\u0000`;
      epoch++;
      for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
      for (const key of [...pending.keys()]) if (key.startsWith(prefix)) pending.delete(key);
    },
  };
}
