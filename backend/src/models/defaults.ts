import { readFileSync } from 'node:fs';
import { checkTiers, compilePattern } from './definition.js';
import { defaultModelsFile, type ModelDefinition } from './schemas.js';

// Read from the source folder both when running from src/ and from dist/ (tsc does not copy JSON files).
const FILE = new URL('../../src/models/default-models.json', import.meta.url);

let cached: { updatedAt: string; models: ModelDefinition[] } | undefined;

/** The maintained default price list as managed definitions (projectId null); validated once, then cached. */
export function defaultModels(): { updatedAt: string; models: ModelDefinition[] } {
  if (cached) return cached;
  const file = defaultModelsFile.parse(JSON.parse(readFileSync(FILE, 'utf8')));
  const createdAt = new Date(`${file.updatedAt}T00:00:00Z`);
  const models = file.models.map((m): ModelDefinition => {
    compilePattern(m.matchPattern);
    const tiers = m.pricingTiers ?? [{ name: 'Standard', isDefault: true, priority: 0, conditions: [], prices: m.prices ?? {} }];
    checkTiers(tiers);
    return {
      id: m.id,
      projectId: null,
      modelName: m.modelName,
      matchPattern: m.matchPattern,
      startDate: null,
      unit: m.unit,
      tokenizerId: m.tokenizerId,
      tokenizerConfig: m.tokenizerConfig,
      createdAt,
      tiers: tiers.map((t) => ({ ...t, id: `${m.id}-tier-${t.priority}` })),
    };
  });
  cached = { updatedAt: file.updatedAt, models };
  return cached;
}
