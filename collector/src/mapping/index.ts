export { mapTraceRequest } from './map-request.js';
export type { MapContext, MapResult } from './map-request.js';
export { DEFAULT_MAX_FIELD_BYTES } from './truncate.js';
export { CONVENTIONS } from './conventions/index.js';
export type { Content, Convention, Extra, FieldName, FieldResolvers, FieldValues, Lifted } from './conventions/index.js';
export type { EventView, ScopeView, SpanView } from './span-view.js';
