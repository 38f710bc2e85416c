import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { selectRows } from './rows.js';

/** Tables the worker fills with rows inserted as is (batch kinds `log-events` and `metric-points`). */
export type SignalTable = 'span_log_events' | 'metric_points';

/** The worker's view of the `observations` table (and of the signal tables beside it). */
export interface ObservationWriter {
  /** Inserts JSONEachRow bytes of `ObservationRow`s (@spanlight/collector) in one INSERT. */
  insert(rows: Buffer): Promise<void>;
  /** Which of `ids` already have a row (any version) in the project: makes redelivered batches idempotent. */
  existingIds(projectId: string, ids: readonly string[]): Promise<Set<string>>;
  /**
   * Inserts JSONEachRow bytes into a signal table. Optional so narrow writers (tests) need not have it;
   * without it the worker parks such batches. Both tables collapse a redelivered batch's rows by key.
   */
  insertInto?(table: SignalTable, rows: Buffer): Promise<void>;
}

/** Bounds the `IN` list, which a server receives in the request URL. */
const IDS_PER_QUERY = 2_000;

export function createObservationWriter(client: ClickHouseClient): ObservationWriter {
  const insertInto = async (table: 'observations' | SignalTable, rows: Buffer): Promise<void> => {
    if (rows.length === 0) return;
    // The bytes are already JSONEachRow: exec streams them as the body instead of re-encoding objects.
    const result = await client.exec({
      query: `INSERT INTO ${table} FORMAT JSONEachRow`,
      values: Readable.from([rows], { objectMode: false }),
    });
    result.stream.resume();
  };
  return {
    insert: (rows) => insertInto('observations', rows),
    insertInto,
    async existingIds(projectId, ids) {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const rows = await selectRows<{ id: string }>(
          client,
          'SELECT DISTINCT id FROM observations WHERE project_id = {projectId: String} AND id IN {ids: Array(String)}',
          { projectId, ids: ids.slice(i, i + IDS_PER_QUERY) },
        );
        for (const row of rows) found.add(row.id);
      }
      return found;
    },
  };
}
