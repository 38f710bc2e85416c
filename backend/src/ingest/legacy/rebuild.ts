import { applyCosts, type ModelPrices, type ObservationRow } from '@spanlight/collector';
import type { EntityEvent } from './history.js';
import { mergeObservation } from './observation.js';
import type { EntityRef, EntityStore, EventGroup, StoredEvent } from './store.js';
import { TRACE_ROW_TYPE, mergeTrace, type LegacyRow } from './trace.js';

/** A row that retracts an earlier version written under another sort key. */
export type Tombstone = LegacyRow & { is_deleted: 1 };

/**
 * Rows of the entities in `history`, each rebuilt from all of its events. With `fresh` (the ids of
 * the events being written now), an entity whose start day or trace id moved because of them also
 * gets a tombstone for its previous row: both are in the table's sort key, so the new version would
 * not replace the old one.
 */
export function rebuildRows(
  projectId: string,
  history: readonly EntityEvent[],
  fresh: ReadonlySet<string> = new Set(),
): Array<LegacyRow | Tombstone> {
  const groups = new Map<string, EntityEvent[]>();
  for (const e of history) {
    const key = `${e.kind}\n${e.entityId}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()].flatMap((events) => {
    const row = merge(projectId, events);
    const earlier = events.filter((e) => !fresh.has(e.eventId));
    if (earlier.length === 0 || earlier.length === events.length) return [row];
    const previous = merge(projectId, earlier);
    if (previous.start_time === row.start_time && previous.trace_id === row.trace_id) return [row];
    // Same version as the row it retracts: written later, it wins that key, while the new row keeps
    // the highest version of the id.
    return [row, { ...previous, is_deleted: 1 as const }];
  });
}

function merge(projectId: string, events: readonly EntityEvent[]): LegacyRow {
  const { kind, entityId } = events[0]!;
  return kind === 'trace' ? mergeTrace(projectId, entityId, events) : mergeObservation(projectId, entityId, events);
}

/**
 * Stores the events of many requests in one INSERT, reads the whole history of every entity they
 * touch in one query, and returns each entity rebuilt from it. Storing first means concurrent
 * flushes touching one entity cannot both miss each other's events: the later reader sees both, and
 * its row (more events) carries the higher version. With `prices`, generation costs are computed
 * from model prices unless the events provided them.
 */
export async function mergeEntityEvents(
  store: EntityStore,
  groups: readonly EventGroup[],
  prices?: ModelPrices,
): Promise<Array<LegacyRow | Tombstone>> {
  const touched = new Map<string, EntityRef>();
  const fresh = new Set<string>();
  for (const { projectId, events } of groups) {
    for (const e of events) {
      touched.set(`${projectId}\n${e.kind}\n${e.entityId}`, { projectId, kind: e.kind, entityId: e.entityId });
      fresh.add(e.eventId);
    }
  }
  if (touched.size === 0) return [];
  await store.append(groups);
  const byProject = new Map<string, StoredEvent[]>();
  for (const e of await store.history([...touched.values()])) {
    const events = byProject.get(e.projectId);
    if (events) events.push(e);
    else byProject.set(e.projectId, [e]);
  }
  const rows = [...byProject].flatMap(([projectId, history]) => rebuildRows(projectId, history, fresh));
  // Model prices fill model_id and the costs not provided by the events, as for OTLP rows.
  if (prices) applyCosts(rows.filter((r): r is ObservationRow => r.type !== TRACE_ROW_TYPE && !('is_deleted' in r)), prices);
  return rows;
}
