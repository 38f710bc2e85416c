import { applyCosts, type ModelPrices, type ObservationRow } from '@spanlight/collector';
import type { EntityEvent, EntityKind } from './history.js';
import { mergeObservation } from './observation.js';
import type { EntityStore } from './store.js';
import { TRACE_ROW_TYPE, mergeTrace, type LegacyRow } from './trace.js';

/** Rows of the entities in `history`, each rebuilt from all of its events. */
export function rebuildRows(projectId: string, history: readonly EntityEvent[]): LegacyRow[] {
  const groups = new Map<string, EntityEvent[]>();
  for (const e of history) {
    const key = `${e.kind}\n${e.entityId}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()].map((events) => {
    const { kind, entityId } = events[0]!;
    return kind === 'trace' ? mergeTrace(projectId, entityId, events) : mergeObservation(projectId, entityId, events);
  });
}

/**
 * Stores a batch's trace/observation events, then rewrites each entity they touch from its whole
 * history. Storing first means concurrent batches of one entity cannot both miss each other's
 * events: the later reader sees both, and its row (more events) carries the higher version. With
 * `prices`, generation costs are computed from model prices unless the events provided them.
 */
export async function mergeEntityEvents(
  store: EntityStore,
  projectId: string,
  receivedAt: number,
  events: readonly EntityEvent[],
  prices?: ModelPrices,
): Promise<void> {
  if (events.length === 0) return;
  await store.append(projectId, receivedAt, events);
  const touched = new Map<EntityKind, Set<string>>();
  for (const e of events) touched.set(e.kind, (touched.get(e.kind) ?? new Set()).add(e.entityId));
  const history = await store.history(projectId, new Map([...touched].map(([k, ids]) => [k, [...ids]])));
  const rows = rebuildRows(projectId, history);
  // Model prices fill model_id and the costs not provided by the events, as for OTLP rows.
  if (prices) applyCosts(rows.filter((r): r is ObservationRow => r.type !== TRACE_ROW_TYPE), prices);
  await store.write(rows);
}
