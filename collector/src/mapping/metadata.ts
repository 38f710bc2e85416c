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
 *     events?: [{name, time, attributes}], mappingIssues?: [malformed values that were skipped] }
 * The reserved keys win over lifted keys of the same name, as in Langfuse.
 */

const RESERVED = new Set(['attributes', 'resourceAttributes', 'scope', 'events', 'mappingIssues']);

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

function eventsJson(events: readonly EventView[]): string {
  return JSON.stringify(
    events.map((e) => {
      const time = nanosToDateTime64(e.timeUnixNano);
      return { name: e.name, time: time === undefined ? null : dateTime64ToIso(time), attributes: e.attributes };
    }),
  );
}

export function composeMetadata(
  span: SpanView,
  tail: string,
  lifted: Lifted | undefined,
  consumed: readonly string[],
  issues: readonly string[],
): string {
  let text = '{';
  if (lifted !== undefined) {
    const own: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key in lifted.value) {
      if (RESERVED.has(key)) span.note(`metadata key "${key}" is reserved and was dropped`);
      else own[key] = lifted.value[key];
    }
    const ownJson = JSON.stringify(own);
    if (ownJson.length > 2) text += `${ownJson.slice(1, -1)},`;
  }
  text += `"attributes":${JSON.stringify(attributesWithout(span, consumed))},${tail}`;
  if (span.events.length > 0) text += `,"events":${eventsJson(span.events)}`;
  if (issues.length > 0) text += `,"mappingIssues":${JSON.stringify(issues)}`;
  return `${text}}`;
}
