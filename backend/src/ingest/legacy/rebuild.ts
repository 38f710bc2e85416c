import { applyCosts, type ModelPrices, type ObservationRow } from '@spanlight/collector';
import type { EntityEvent } from './history.js';
import { mergeObservation } from './observation.js';
import type { EntityRef, EntityStore, EventGroup, StoredEvent } from './store.js';
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
 * Stores the events of many requests in one INSERT, reads the whole history of every entity they
 * touch in one query, and returns each entity rebuilt from it. Storing first means concurrent
 * flushes touching one entity cannot both miss each other's events: the later reader sees both, and
 * its row (more events) carries the higher version. With `prices`, generation costs are computed
 * from model prices unless the events provided them.
 */
export async function mergeEntityEvents(store: EntityStore, groups: readonly EventGroup[], prices?: ModelPrices): Promise<LegacyRow[]> {
  const touched = new Map<string, EntityRef>();
  for (const { projectId, events } of groups) {
    for (const e of events) touched.set(`${projectId}\n${e.kind}\n${e.entityId}`, { projectId, kind: e.kind, entityId: e.entityId });
  }
  if (touched.size === 0) return [];
  await store.append(groups);
  const byProject = new Map<string, StoredEvent[]>();
  for (const e of await store.history([...touched.values()])) {
    const events = byProject.get(e.projectId);
    if (events) events.push(e);
    else byProject.set(e.projectId, [e]);
  }
  const rows = [...byProject].flatMap(([projectId, history]) => rebuildRows(projectId, history));
  // Model prices fill model_id and the costs not provided by the events, as for OTLP rows.
  if (prices) applyCosts(rows.filter((r): r is ObservationRow => r.type !== TRACE_ROW_TYPE), prices);
  return rows;
}
