import { observationRow, type ObservationRow } from '@spanlight/collector';

/** An ObservationRow with empty defaults, validated against the batch format's schema. */
export function obsRow(fields: Partial<ObservationRow> & Pick<ObservationRow, 'project_id' | 'trace_id' | 'id' | 'start_time'>): ObservationRow {
  return observationRow.parse({
    parent_observation_id: '',
    type: 'SPAN',
    name: '',
    end_time: null,
    completion_start_time: null,
    level: 'DEFAULT',
    status_message: '',
    version: '',
    release: '',
    environment: 'default',
    is_root: false,
    trace_name: '',
    user_id: '',
    session_id: '',
    tags: [],
    public: false,
    trace_input: '',
    trace_output: '',
    trace_metadata: '',
    model: '',
    model_id: '',
    model_parameters: '',
    usage_details: {},
    cost_details: {},
    prompt_id: '',
    prompt_name: '',
    prompt_version: null,
    input: '',
    output: '',
    metadata: '',
    event_ts: '2024-05-01 00:00:00.000000',
    ...fields,
  });
}

/** JSONEachRow bytes, as the worker hands them to ObservationWriter.insert. */
export function jsonEachRow(rows: readonly object[]): Buffer {
  return Buffer.from(rows.map((r) => JSON.stringify(r) + '\n').join(''));
}
