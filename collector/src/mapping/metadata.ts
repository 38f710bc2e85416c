import type { InstrumentationScope } from '../otlp/types.js';
import { flattenAttributes, setAttribute } from './attributes.js';
import type { Attributes } from './attributes.js';
import type { Lifted } from './conventions/index.js';
import type { EventView, SpanView } from './span-view.js';
import { dateTime64ToIso, nanosToDateTime64 } from './time.js';

/**
 * Observation metadata, as JSON text:
 *   { ...lifted metadata keys (e.g. langfuse.observation.metadata.*),
 *     attributes,          every span attribute except those moved into a dedicated JSON column
 *                          (input/output/trace input/output) or lifted above: nothing is stored twice,
 *                          and everything else (model, usage, unknown keys) stays available;
 *     resourceAttributes, scope: {name, version, attributes?},
 *     tools?, experiment?, exception?   (see the conventions' Extra fields),
 *     events?: [{name, time, attributes}]   every span event except those read as input/output,
 *     mappingIssues?: [malformed values that were skipped],
 *     truncated?: [names of values cut to the size limit] }
 * The reserved keys (and extras that are present) win over lifted keys of the same name, as in Langfuse.
 */

const RESERVED = new Set([
  'attributes',
  'resourceAttributes',
  'scope',
  'events',
  'mappingIssues',
  'truncated',
]);

/** What the core adds to the metadata besides the span's own data. */
export interface MetadataParts {
  lifted: Lifted | undefined;
  consumed: readonly string[];
  /** Event names already stored as input/output. */
  consumedEvents: readonly string[];
  extras: readonly (readonly [string, unknown])[];
  issues: readonly string[];
  truncated: readonly string[];
}

/** The resource and scope part, identical for all spans of one ScopeSpans: encoded once. */
export function metadataTail(resource: Attributes, scope: InstrumentationScope | undefined): string {
  const scopeJson: Record<string, unknown> = { name: scope?.name ?? '', version: scope?.version ?? '' };
  if (scope?.attributes !== undefined && scope.attributes.length > 0) {
    scopeJson.attributes = flattenAttributes(scope.attributes);
  }
  return `"resourceAttributes":${JSON.stringify(resource)},"scope":${JSON.stringify(scopeJson)}`;
}

function attributesWithout(span: SpanView, consumed: readonly string[]): Attributes {
  if (consumed.length === 0) return span.attributes;
  const out: Attributes = {};
  for (const key of span.keys) if (!consumed.includes(key)) setAttribute(out, key, span.attributes[key]);
  return out;
}

function eventsJson(events: readonly EventView[], consumed: readonly string[]): string {
  const kept = consumed.length === 0 ? events : events.filter((e) => !consumed.includes(e.name));
  if (kept.length === 0) return '';
  return JSON.stringify(
    kept.map((e) => {
      const time = nanosToDateTime64(e.timeUnixNano);
      return { name: e.name, time: time === undefined ? null : dateTime64ToIso(time), attributes: e.attributes };
    }),
  );
}

export function composeMetadata(span: SpanView, tail: string, parts: MetadataParts): string {
  let text = '{';
  if (parts.lifted !== undefined) {
    const own: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key in parts.lifted.value) {
      if (RESERVED.has(key) || parts.extras.some(([name]) => name === key)) span.note(`metadata key "${key}" is reserved and was dropped`);
      else own[key] = parts.lifted.value[key];
    }
    const ownJson = JSON.stringify(own);
    if (ownJson.length > 2) text += `${ownJson.slice(1, -1)},`;
  }
  text += `"attributes":${JSON.stringify(attributesWithout(span, parts.consumed))},${tail}`;
  for (const [key, value] of parts.extras) text += `,"${key}":${JSON.stringify(value)}`;
  if (span.events.length > 0) {
    const events = eventsJson(span.events, parts.consumedEvents);
    if (events !== '') text += `,"events":${events}`;
  }
  if (parts.issues.length > 0) text += `,"mappingIssues":${JSON.stringify(parts.issues)}`;
  if (parts.truncated.length > 0) text += `,"truncated":${JSON.stringify(parts.truncated)}`;
  return `${text}}`;
}
