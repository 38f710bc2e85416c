export { ModelCatalog } from './catalog.js';
export type { ModelCatalogOptions } from './catalog.js';
export { defaultModels } from './defaults.js';
export { compilePattern } from './definition.js';
export { modelsRoutes } from './routes.js';
export type { ModelRoutesDeps } from './routes.js';
export type { ModelDefinition, TierDefinition } from './schemas.js';
