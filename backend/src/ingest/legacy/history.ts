import { toDateTime64 } from '../../clickhouse/index.js';

/** What a legacy event is about: Langfuse groups events by (entity type, body.id). */
export type EntityKind = 'trace' | 'observation';

/** One stored legacy event of a trace or observation (a row of `legacy_entity_events`). */
export interface EntityEvent {
  kind: EntityKind;
  entityId: string;
  eventId: string;
  /** Envelope timestamp, ISO. */
  timestamp: string;
  type: string;
  body: Record<string, unknown>;
}

/**
 * Merge order (§5.4): envelope timestamp ascending, creates before others on a tie; the event id
 * breaks remaining ties so the order (and the merged row) never depends on arrival order.
 */
export function mergeOrder(events: readonly EntityEvent[]): EntityEvent[] {
  const isCreate = (e: EntityEvent): number => (e.type.includes('create') ? 0 : 1);
  return [...events].sort(
    (a, b) =>
      Date.parse(a.timestamp) - Date.parse(b.timestamp) ||
      isCreate(a) - isCreate(b) ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
}

/**
 * The version (event_ts) of an entity rebuilt from `events`: the newest envelope timestamp plus one
 * microsecond per event. A rebuild from the same events gets the same version (a redelivered batch
 * rewrites an identical row); a rebuild that saw more events always gets a higher one.
 */
export function versionOf(events: readonly EntityEvent[]): string {
  const newest = Math.max(...events.map((e) => Date.parse(e.timestamp)));
  const micros = (newest % 1000) * 1000 + events.length;
  const base = Math.floor(newest / 1000) * 1000 + Math.floor(micros / 1000);
  return `${toDateTime64(new Date(base).toISOString()).slice(0, 23)}${String(micros % 1000).padStart(3, '0')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** lodash-style merge of plain objects: keys are never removed; a non-object value replaces. */
export function deepMerge(target: unknown, source: unknown): unknown {
  if (!isObject(target) || !isObject(source)) return source;
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(source)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

/** Field accessors over events in merge order. */
export class Fields {
  constructor(private readonly events: readonly EntityEvent[]) {}

  /** The last value that is not undefined (null erases, as in Langfuse's overwrite). */
  last(key: string): unknown {
    let value: unknown;
    for (const e of this.events) if (e.body[key] !== undefined) value = e.body[key];
    return value;
  }
  /** The last non-null value (fields Langfuse maps with `?? undefined`). */
  lastSet(key: string): unknown {
    let value: unknown;
    for (const e of this.events) if (e.body[key] != null) value = e.body[key];
    return value;
  }
  /** input/output: the last non-empty value. */
  lastNonEmpty(key: string): unknown {
    let value: unknown;
    for (const e of this.events) {
      const v = e.body[key];
      if (v != null && v !== '') value = v;
    }
    return value;
  }
  /** Immutable fields: the first non-null value. */
  first(key: string): unknown {
    for (const e of this.events) if (e.body[key] != null) return e.body[key];
    return undefined;
  }
  metadata(): unknown {
    let value: unknown;
    for (const e of this.events) if (e.body.metadata != null) value = value === undefined ? e.body.metadata : deepMerge(value, e.body.metadata);
    return value;
  }
  /** The last per-event value computed by `of` that is defined. */
  lastOf<T>(of: (body: Record<string, unknown>) => T | undefined): T | undefined {
    let value: T | undefined;
    for (const e of this.events) value = of(e.body) ?? value;
    return value;
  }
  earliestTimestamp(): string {
    return this.events[0]!.timestamp;
  }
}

/** A JSON-valued column: '' when absent; strings are stored as they are (as Langfuse does). */
export function jsonText(value: unknown): string {
  if (value == null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const time = (value: unknown): string | null => (typeof value === 'string' ? toDateTime64(value) : null);
