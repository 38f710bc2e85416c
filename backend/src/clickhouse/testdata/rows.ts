import { emptyObservationFields, observationRow, type ObservationRow } from '@spanlight/collector';

/** An ObservationRow with empty defaults, validated against the batch format's schema. */
export function obsRow(fields: Partial<ObservationRow> & Pick<ObservationRow, 'project_id' | 'trace_id' | 'id' | 'start_time'>): ObservationRow {
  return observationRow.parse({
    ...emptyObservationFields(),
    type: 'SPAN',
    name: '',
    event_ts: '2024-05-01 00:00:00.000000',
    ...fields,
  });
}

/** JSONEachRow bytes, as the worker hands them to ObservationWriter.insert. */
export function jsonEachRow(rows: readonly object[]): Buffer {
  return Buffer.from(rows.map((r) => JSON.stringify(r) + '\n').join(''));
}
