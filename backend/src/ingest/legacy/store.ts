import type { ClickHouseClient } from '@clickhouse/client';
import { selectRows, toDateTime64, toIso } from '../../clickhouse/rows.js';
import type { EntityEvent, EntityKind } from './history.js';
import type { LegacyRow } from './trace.js';

/** The worker's view of the legacy entities: their event histories and their merged rows. */
export interface EntityStore {
  /** Stores events (idempotent: a redelivered event collapses with its first copy). */
  append(projectId: string, receivedAt: number, events: readonly EntityEvent[]): Promise<void>;
  /** Every stored event of the given entities, each once. */
  history(projectId: string, entities: ReadonlyMap<EntityKind, readonly string[]>): Promise<EntityEvent[]>;
  /** Writes merged rows as new versions in `observations`. */
  write(rows: readonly LegacyRow[]): Promise<void>;
}

/** Bounds the `IN` list, which a server receives in the request URL. */
const IDS_PER_QUERY = 1_000;

interface StoredRow {
  entity_kind: EntityKind;
  entity_id: string;
  event_id: string;
  timestamp: string;
  type: string;
  body: string;
}

export function createEntityStore(client: ClickHouseClient): EntityStore {
  return {
    async append(projectId, receivedAt, events) {
      if (events.length === 0) return;
      const receivedAtText = toDateTime64(new Date(receivedAt).toISOString()).slice(0, 23);
      await client.insert({
        table: 'ingestion_events',
        format: 'JSONEachRow',
        values: events.map((e) => ({
          project_id: projectId,
          entity_kind: e.kind,
          entity_id: e.entityId,
          event_id: e.eventId,
          timestamp: toDateTime64(e.timestamp),
          type: e.type,
          body: JSON.stringify(e.body),
          received_at: receivedAtText,
        })),
      });
    },
    async history(projectId, entities) {
      const out: EntityEvent[] = [];
      for (const [kind, ids] of entities) {
        for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
          const rows = await selectRows<StoredRow>(
            client,
            `SELECT entity_kind, entity_id, event_id, timestamp, type, body FROM ingestion_events
             WHERE project_id = {projectId: String} AND entity_kind = {kind: String} AND entity_id IN {ids: Array(String)}
             LIMIT 1 BY entity_id, event_id`,
            { projectId, kind, ids: ids.slice(i, i + IDS_PER_QUERY) },
          );
          for (const r of rows) {
            out.push({
              kind: r.entity_kind,
              entityId: r.entity_id,
              eventId: r.event_id,
              timestamp: toIso(r.timestamp),
              type: r.type,
              body: JSON.parse(r.body) as Record<string, unknown>,
            });
          }
        }
      }
      return out;
    },
    async write(rows) {
      if (rows.length === 0) return;
      await client.insert({ table: 'observations', format: 'JSONEachRow', values: rows as LegacyRow[] });
    },
  };
}
