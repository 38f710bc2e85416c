import { BatchFormatError, observationRow, type DecodedBatch } from '@spanlight/collector';
import type { ObservationWriter } from '../clickhouse/index.js';

/**
 * The rows of a redelivered batch that are not in ClickHouse yet, so a re-run after a crash or a
 * failed-but-committed insert writes each row once. The kept lines are the original bytes.
 * Throws BatchFormatError for rows that are not valid observation rows of the batch's project:
 * such a batch would fail every insert it joins. Error texts never quote row contents.
 */
export async function rowsNotYetWritten(
  batch: DecodedBatch,
  writer: ObservationWriter,
): Promise<{ rows: Buffer; rowCount: number }> {
  const { projectId } = batch.header;
  const lines = batch.rows.toString('utf8').split('\n').filter((line) => line !== '');
  const ids = lines.map((line, index) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BatchFormatError(`row ${index} is not valid JSON`);
    }
    const parsed = observationRow.safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(row)').join(', ');
      throw new BatchFormatError(`row ${index} is not a valid observation row (${fields})`);
    }
    if (parsed.data.project_id !== projectId) {
      throw new BatchFormatError(`row ${index} belongs to another project than the batch header`);
    }
    return parsed.data.id;
  });
  const existing = await writer.existingIds(projectId, [...new Set(ids)]);
  const kept = lines.filter((_, index) => !existing.has(ids[index]!));
  return { rows: Buffer.from(kept.map((line) => `${line}\n`).join(''), 'utf8'), rowCount: kept.length };
}
