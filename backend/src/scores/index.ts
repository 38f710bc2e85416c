export { checkScoreConfig, scoreConfigRoutes } from './configs-routes.js';
export { getScoreConfig, insertScoreConfig, listScoreConfigs, updateScoreConfig } from './configs-repository.js';
export type { ScoreConfigTables, ScoreConfigValues } from './configs-repository.js';
export { inflateScore } from './inflate.js';
export type { ConfigLookup, InflateResult } from './inflate.js';
export { scoresRoutes } from './routes.js';
export { getScore, listScores, listScoresAfter } from './score-reads.js';
export type { ScoreCursor, ScoreFilter } from './score-reads.js';
export { createScoreWriter, deleteScore, scoreRow } from './score-writer.js';
export type { ScoreRow, ScoreWriter } from './score-writer.js';
export {
  SCORE_DATA_TYPES,
  createScoreConfigBody,
  normalizeEnvironment,
  scoreBody,
  scoreDataType,
  scoreRecord,
  updateScoreConfigBody,
} from './schemas.js';
export type { ConfigCategory, ScoreBody, ScoreConfig, ScoreDataType, ScoreRecord } from './schemas.js';
export { toScoreV2, toScoreV3 } from './views.js';
