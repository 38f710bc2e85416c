export { checkScoreConfig, scoreConfigRoutes } from './configs-routes.js';
export { getScoreConfig, insertScoreConfig, listScoreConfigs, updateScoreConfig } from './configs-repository.js';
export type { ScoreConfigTables, ScoreConfigValues } from './configs-repository.js';
export { inflateScore } from './inflate.js';
export type { ConfigLookup, InflateResult } from './inflate.js';
export { SCORE_V2_FIELD_GROUPS, v2Query, v3Query } from './read-queries.js';
export { scoresRoutes } from './routes.js';
export { getScore, listScores, listScoresAfter } from './score-reads.js';
export type { ScoreCursor, ScoreFilter } from './score-reads.js';
export { scoreTraces } from './trace-context.js';
export type { ScoreTrace } from './trace-context.js';
export { createScoreWriter, deleteScore, scoreRow } from './score-writer.js';
export type { ScoreRow, ScoreWriter } from './score-writer.js';
export {
  CONFIG_DATA_TYPES,
  SCORE_DATA_TYPES,
  configDataType,
  createScoreConfigBody,
  normalizeEnvironment,
  scoreBody,
  scoreDataType,
  scoreRecord,
  updateScoreConfigBody,
} from './schemas.js';
export type { ConfigCategory, ConfigDataType, ScoreBody, ScoreConfig, ScoreDataType, ScoreRecord } from './schemas.js';
export { SCORE_V3_FIELD_GROUPS, toScoreV2, toScoreV3 } from './views.js';
export type { ScoreV3FieldGroup } from './views.js';
