import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProjectKey, migratePostgres, openDatabase, type Database } from '../../src/postgres/index.js';
import {
  LocalPromptCache,
  createPromptCache,
  createPromptService,
  type PromptCache,
  type PromptService,
} from '../../src/prompts/index.js';
import { startPostgres, startRedis, type RunningService } from '../helpers/services.js';
import { TEST_KEYS, eventually } from '../helpers/spanlight.js';

let postgres: RunningService;
let redis: RunningService;
let db: Kysely<Database>;
let projectId: string;
const caches: PromptCache[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  db = openDatabase(postgres.url);
  await migratePostgres(db);
  ({ projectId } = await ensureProjectKey(db, TEST_KEYS));
});
afterAll(async () => {
  for (const cache of caches) await cache.close();
  await db?.destroy();
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

async function replica(): Promise<PromptService> {
  const cache = await createPromptCache({ redisUrl: redis.url });
  caches.push(cache);
  return createPromptService(db, cache);
}

const production = async (service: PromptService): Promise<string> =>
  JSON.parse(await service.getJson(projectId, 'shared', { resolve: true })).prompt;

describe('two API replicas with REDIS_URL', () => {
  it('serve reads from their cache and drop it when the other replica writes', async () => {
    const [a, b] = [await replica(), await replica()];
    // Seeded without publishing, so no invalidation is in flight while A and B fill their caches.
    await createPromptService(db, new LocalPromptCache()).create(projectId, { name: 'shared', type: 'text', prompt: 'one', labels: ['production'], config: {} });
    expect(await production(a)).toBe('one');
    expect(await production(b)).toBe('one');

    // Changed behind both caches' backs: both keep serving what they cached.
    await sql`UPDATE prompts SET prompt = '"edited"'::jsonb WHERE name = 'shared'`.execute(db);
    expect(await production(a)).toBe('one');
    expect(await production(b)).toBe('one');

    await b.create(projectId, { name: 'shared', type: 'text', prompt: 'two', labels: ['production'], config: {} });
    expect(await production(b)).toBe('two');
    await eventually(async () => ((await production(a)) === 'two' ? true : undefined));
  });
});
