export { mergeEntityEvents, rebuildRows } from './rebuild.js';
export { createEntityStore } from './store.js';
export type { EntityRef, EntityStore, EventGroup, StoredEvent } from './store.js';
export type { EntityEvent, EntityKind } from './history.js';
export { OBSERVATION_EVENT_TYPES, mergeObservation } from './observation.js';
export { TRACE_ROW_TYPE, mergeTrace, traceRowId } from './trace.js';
export type { LegacyRow } from './trace.js';
