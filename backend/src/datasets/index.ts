export { datasetsRoutes } from './routes.js';
export { compareRuns } from './compare.js';
export type { RunComparison } from './compare.js';
export type { Dataset, DatasetItem, DatasetRun, DatasetRunItem } from './schemas.js';
