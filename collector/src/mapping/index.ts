export { mapTraceRequest } from './map-request.js';
export type { MapResult } from './map-request.js';
export { CONVENTIONS } from './conventions/index.js';
export type { Content, Convention, FieldName, FieldResolvers, FieldValues, Lifted } from './conventions/index.js';
export type { EventView, ScopeView, SpanView } from './span-view.js';
