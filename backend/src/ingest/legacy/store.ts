import { TupleParam, type ClickHouseClient } from '@clickhouse/client';
import { selectRows, toDateTime64, toIso } from '../../clickhouse/index.js';
import type { EntityEvent, EntityKind } from './history.js';

/** The events of one accepted ingestion request. */
export interface EventGroup {
  projectId: string;
  receivedAt: number;
  events: readonly EntityEvent[];
}

/** A trace or observation of a project. */
export interface EntityRef {
  projectId: string;
  kind: EntityKind;
  entityId: string;
}

export type StoredEvent = EntityEvent & { projectId: string };

/** The worker's view of the legacy entities' event histories (`legacy_entity_events`). */
export interface EntityStore {
  /** Stores the events of all groups in one INSERT (idempotent: a redelivered event collapses with its first copy). */
  append(groups: readonly EventGroup[]): Promise<void>;
  /** Every stored event of the given entities, each once. */
  history(entities: readonly EntityRef[]): Promise<StoredEvent[]>;
}

/** Bounds the `IN` list, which a server receives in the request URL. */
const KEYS_PER_QUERY = 1_000;

interface StoredRow {
  project_id: string;
  entity_kind: EntityKind;
  entity_id: string;
  event_id: string;
  timestamp: string;
  type: string;
  body: string;
}

export function createEntityStore(client: ClickHouseClient): EntityStore {
  return {
    async append(groups) {
      const values = groups.flatMap(({ projectId, receivedAt, events }) => {
        const receivedAtText = toDateTime64(new Date(receivedAt).toISOString()).slice(0, 23);
        return events.map((e) => ({
          project_id: projectId,
          entity_kind: e.kind,
          entity_id: e.entityId,
          event_id: e.eventId,
          timestamp: toDateTime64(e.timestamp),
          type: e.type,
          body: JSON.stringify(e.body),
          received_at: receivedAtText,
        }));
      });
      if (values.length === 0) return;
      await client.insert({ table: 'legacy_entity_events', format: 'JSONEachRow', values });
    },
    async history(entities) {
      const out: StoredEvent[] = [];
      for (let i = 0; i < entities.length; i += KEYS_PER_QUERY) {
        const keys = entities.slice(i, i + KEYS_PER_QUERY).map((e) => new TupleParam([e.projectId, e.kind, e.entityId]));
        // The tuple is the table's sort key prefix: the primary index narrows the read to the entities' granules.
        const rows = await selectRows<StoredRow>(
          client,
          `SELECT project_id, entity_kind, entity_id, event_id, timestamp, type, body FROM legacy_entity_events
           WHERE (project_id, entity_kind, entity_id) IN {keys: Array(Tuple(String, String, String))}
           LIMIT 1 BY project_id, entity_kind, entity_id, event_id`,
          { keys },
        );
        for (const r of rows) {
          out.push({
            projectId: r.project_id,
            kind: r.entity_kind,
            entityId: r.entity_id,
            eventId: r.event_id,
            timestamp: toIso(r.timestamp),
            type: r.type,
            body: JSON.parse(r.body) as Record<string, unknown>,
          });
        }
      }
      return out;
    },
  };
}
