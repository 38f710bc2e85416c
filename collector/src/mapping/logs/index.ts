export { mapLogsRequest } from './map-logs.js';
export type { LogsMapContext, LogsMapResult } from './map-logs.js';
export { genAiContent, isGenAiContentEvent } from './genai-content.js';
export type { GenAiContent } from './genai-content.js';
