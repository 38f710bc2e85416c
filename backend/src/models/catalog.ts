import type { Logger, ModelPrices, PricedModel } from '@spanlight/collector';
import type { Kysely } from 'kysely';
import type { Database } from '../postgres/index.js';
import { compilePattern, toPricedModel } from './definition.js';
import { loadModels } from './repository.js';
import type { ModelDefinition } from './schemas.js';

interface Entry {
  pattern: RegExp;
  /** ms since epoch; null = in force since always. */
  startsAt: number | null;
  priced: PricedModel;
}

interface Snapshot {
  byProject: Map<string, Entry[]>;
  defaults: Entry[];
}

/** Newest start date first, no start date last: the first entry in force at a time is the one that applies. */
function compile(defs: readonly ModelDefinition[], logger: Logger): Entry[] {
  const entries: Entry[] = [];
  for (const d of defs) {
    try {
      entries.push({ pattern: compilePattern(d.matchPattern), startsAt: d.startDate?.getTime() ?? null, priced: toPricedModel(d) });
    } catch {
      // Checked on create; a row written otherwise must not stop every other definition from loading.
      logger.warn('model definition skipped: invalid pattern', { modelId: d.id });
    }
  }
  return entries.sort((a, b) => (b.startsAt ?? -Infinity) - (a.startsAt ?? -Infinity));
}

const MAX_CACHED_NAMES = 10_000;

export interface ModelCatalogOptions {
  /** The managed defaults, matched after every project's own definitions. */
  defaults: readonly ModelDefinition[];
  logger: Logger;
  /** How often other processes' writes are picked up; 0 disables the timer. */
  refreshMs?: number;
}

/**
 * The in-memory snapshot of every model definition that the collector prices with. Patterns are compiled
 * once per refresh; the candidates of a (project, model name) pair are cached until the next refresh.
 */
export class ModelCatalog implements ModelPrices {
  private snapshot: Snapshot;
  private readonly candidates = new Map<string, Entry[]>();
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly options: ModelCatalogOptions,
  ) {
    this.snapshot = { byProject: new Map(), defaults: compile(options.defaults, options.logger) };
  }

  /** Loads the project definitions, then keeps refreshing them every `refreshMs` (default 10 s). */
  static async open(db: Kysely<Database>, options: ModelCatalogOptions): Promise<ModelCatalog> {
    const catalog = new ModelCatalog(db, options);
    await catalog.refresh();
    const every = options.refreshMs ?? 10_000;
    if (every > 0) {
      catalog.timer = setInterval(() => {
        catalog.refresh().catch((err: unknown) => options.logger.warn('model definitions refresh failed', { error: String(err) }));
      }, every);
      catalog.timer.unref();
    }
    return catalog;
  }

  find(projectId: string, model: string, at: Date): PricedModel | undefined {
    const key = `${projectId}\u0000${model}`;
    let entries = this.candidates.get(key);
    if (!entries) {
      const own = this.snapshot.byProject.get(projectId) ?? [];
      entries = [...own, ...this.snapshot.defaults].filter((e) => e.pattern.test(model));
      if (this.candidates.size >= MAX_CACHED_NAMES) this.candidates.clear();
      this.candidates.set(key, entries);
    }
    const time = at.getTime();
    return entries.find((e) => e.startsAt === null || e.startsAt <= time)?.priced;
  }

  /** Reloads project definitions from Postgres; serialized so an older load never replaces a newer one. */
  refresh(): Promise<void> {
    const run = this.chain.then(async () => {
      const defs = await loadModels(this.db);
      const byProject = new Map<string, ModelDefinition[]>();
      for (const d of defs) byProject.set(d.projectId!, [...(byProject.get(d.projectId!) ?? []), d]);
      this.snapshot = {
        byProject: new Map([...byProject].map(([p, list]) => [p, compile(list, this.options.logger)])),
        defaults: this.snapshot.defaults,
      };
      this.candidates.clear();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
