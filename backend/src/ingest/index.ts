export { startIngestionWorker } from './worker.js';
export type { IngestionWorker, IngestionWorkerDeps, IngestionWorkerOptions } from './worker.js';
export { InsertCoalescer } from './coalescer.js';
export type { CoalescerOptions } from './coalescer.js';
export { createEntityStore } from './legacy/index.js';
export type { EntityStore } from './legacy/index.js';
