import type { Logger } from '@spanlight/collector';
import { createRedisInvalidationBus, type InvalidationBus } from './invalidation-bus.js';

/**
 * Read-through cache of prompt reads. Every write to a project drops all of that project's entries
 * (a resolved prompt embeds other prompts, so a write to one name can change another's answer).
 */
export interface PromptCache {
  /** The cached value, or `load()`'s; concurrent misses of one key share one load. */
  getOrLoad<T>(projectId: string, key: string, load: () => Promise<T>): Promise<T>;
  /** Call after a write committed: drops this replica's entries and tells the other replicas. */
  invalidate(projectId: string): Promise<void>;
  close(): Promise<void>;
}

export interface PromptCacheOptions {
  /** Upper bound on staleness should an invalidation message be lost (Redis mode). Default 60 s. */
  ttlMs?: number;
  maxEntries?: number;
  /** When set, invalidations travel over Redis pub/sub so several API replicas agree. */
  redisUrl?: string;
  logger?: Logger;
}

interface Entry {
  value: unknown;
  stamp: string;
  expiresAt: number;
}

/**
 * A load records the project's stamp (its generation and the global epoch) before reading; its result is
 * stored only if the stamp is unchanged afterwards, so a read racing a write never caches the old state.
 */
export class LocalPromptCache implements PromptCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, { stamp: string; promise: Promise<unknown> }>();
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    options: { ttlMs?: number; maxEntries?: number } = {},
    /** False while invalidations could be missed (Redis subscriber down): then nothing is stored. */
    private readonly canStore: () => boolean = () => true,
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async getOrLoad<T>(projectId: string, key: string, load: () => Promise<T>): Promise<T> {
    const fullKey = `${projectId}\u0000${key}`;
    const stamp = this.stampOf(projectId);
    const hit = this.entries.get(fullKey);
    if (hit && hit.stamp === stamp && hit.expiresAt > Date.now()) return hit.value as T;
    const pending = this.inflight.get(fullKey);
    if (pending && pending.stamp === stamp) return pending.promise as Promise<T>;

    const promise = load();
    this.inflight.set(fullKey, { stamp, promise });
    try {
      const value = await promise;
      if (this.stampOf(projectId) === stamp && this.canStore()) this.store(fullKey, { value, stamp, expiresAt: Date.now() + this.ttlMs });
      return value;
    } finally {
      if (this.inflight.get(fullKey)?.promise === promise) this.inflight.delete(fullKey);
    }
  }

  async invalidate(projectId: string): Promise<void> {
    this.dropProject(projectId);
  }

  dropProject(projectId: string): void {
    this.generations.set(projectId, (this.generations.get(projectId) ?? 0) + 1);
  }

  dropAll(): void {
    this.epoch++;
    this.entries.clear();
  }

  async close(): Promise<void> {
    this.dropAll();
  }

  private stampOf(projectId: string): string {
    return `${this.epoch}:${this.generations.get(projectId) ?? 0}`;
  }

  private store(fullKey: string, entry: Entry): void {
    this.entries.delete(fullKey);
    // Maps iterate in insertion order: the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(fullKey, entry);
  }
}

class DistributedPromptCache implements PromptCache {
  constructor(
    private readonly local: LocalPromptCache,
    private readonly bus: InvalidationBus,
    private readonly logger?: Logger,
  ) {}

  getOrLoad<T>(projectId: string, key: string, load: () => Promise<T>): Promise<T> {
    return this.local.getOrLoad(projectId, key, load);
  }

  async invalidate(projectId: string): Promise<void> {
    this.local.dropProject(projectId);
    try {
      await this.bus.publish(projectId);
    } catch (err) {
      // The write is committed; other replicas catch up within the TTL.
      this.logger?.warn('could not publish a prompt cache invalidation', { error: (err as Error).message });
    }
  }

  async close(): Promise<void> {
    await this.bus.close();
    await this.local.close();
  }
}

/** In-process cache, or one that shares invalidations over Redis when `redisUrl` is given. */
export async function createPromptCache(options: PromptCacheOptions = {}): Promise<PromptCache> {
  if (!options.redisUrl) return new LocalPromptCache(options);
  let bus: InvalidationBus | undefined;
  const local = new LocalPromptCache(options, () => bus?.connected() ?? false);
  bus = await createRedisInvalidationBus(options.redisUrl, {
    onInvalidate: (projectId) => local.dropProject(projectId),
    // Messages may have been missed while disconnected: forget everything.
    onReconnect: () => local.dropAll(),
    logger: options.logger,
  });
  return new DistributedPromptCache(local, bus, options.logger);
}
