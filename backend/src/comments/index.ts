export { commentsRoutes } from './routes.js';
export type { Comment } from './schemas.js';
