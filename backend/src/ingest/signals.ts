import type { DecodedBatch } from '@spanlight/collector';
import type { ObservationWriter, SignalTable } from '../clickhouse/index.js';

const TABLE_OF: Partial<Record<DecodedBatch['header']['kind'], SignalTable>> = {
  'log-events': 'span_log_events',
  'metric-points': 'metric_points',
};

/** The table of a batch whose rows are inserted as is beside the observations; undefined for other kinds. */
export function signalTableOf(batch: DecodedBatch): SignalTable | undefined {
  return TABLE_OF[batch.header.kind];
}

/**
 * Inserts a `log-events` or `metric-points` batch in one INSERT. These batches are not coalesced:
 * they are rarer than span batches, and a redelivered one is collapsed by the tables' keys.
 */
export async function writeSignalRows(table: SignalTable, batch: DecodedBatch, writer: ObservationWriter): Promise<void> {
  if (!writer.insertInto) throw new Error(`this worker cannot write ${table}`);
  const rows = batch.rows;
  const terminated = rows.length === 0 || rows[rows.length - 1] === 0x0a ? rows : Buffer.concat([rows, Buffer.from('\n')]);
  await writer.insertInto(table, terminated);
}
