import { jsonEachRow, obsRow } from '../../../src/clickhouse/testdata/rows.js';

export const PROJECT_A = 'proj-a';
export const PROJECT_B = 'proj-b';

/**
 * Project A: t1 (root o1 + generation o2 + ERROR span o3, session s1, user u1), t2 (root o4, session s1,
 * user u2; o5 deleted), t3 (root o6 without end, session s2, staging). Project B: t4 (session s1 too).
 */
export const observationRows = [
  obsRow({
    project_id: PROJECT_A, trace_id: 't1', id: 'o1', name: 'handle-request', is_root: true,
    start_time: '2024-05-01 10:00:00.000000', end_time: '2024-05-01 10:00:02.500000',
    trace_name: 'chat-turn', user_id: 'u1', session_id: 's1', release: 'r1', version: 'v1', environment: 'production',
    tags: ['prod'], trace_input: '{"question":"hi"}', trace_metadata: '{"a":1}',
    input: '{"root":"in"}', output: '{"answer":"hello"}', metadata: '{"b":2,"a":0}',
  }),
  obsRow({
    project_id: PROJECT_A, trace_id: 't1', id: 'o2', parent_observation_id: 'o1', type: 'GENERATION', name: 'llm-call',
    start_time: '2024-05-01 10:00:00.500000', completion_start_time: '2024-05-01 10:00:00.800000', end_time: '2024-05-01 10:00:02.000000',
    environment: 'production', tags: ['chat'], model: 'gpt-4o', model_parameters: '{"temperature":0.2}',
    usage_details: { input: 100, input_cached_tokens: 20, output: 50, total: 170 },
    cost_details: { input: 0.001, output: 0.002, total: 0.003 },
    prompt_id: 'prompt-1', prompt_name: 'qa', prompt_version: 3,
    input: '[{"role":"user","content":"hi"}]', output: '"hello"', metadata: '{"k":"v"}',
  }),
  obsRow({
    project_id: PROJECT_A, trace_id: 't1', id: 'o3', parent_observation_id: 'o1', name: 'tool', level: 'ERROR', status_message: 'boom',
    start_time: '2024-05-01 10:00:01.000000', end_time: '2024-05-01 10:00:01.200000', environment: 'production',
  }),
  obsRow({
    project_id: PROJECT_A, trace_id: 't2', id: 'o4', name: 'second', is_root: true, type: 'AGENT',
    start_time: '2024-05-01 11:00:00.000000', end_time: '2024-05-01 11:00:01.000000',
    user_id: 'u2', session_id: 's1', environment: 'production', tags: ['prod'], cost_details: { total: 0.01 }, public: true,
  }),
  obsRow({
    project_id: PROJECT_A, trace_id: 't2', id: 'o5', parent_observation_id: 'o4', name: 'deleted-later',
    start_time: '2024-05-01 11:00:00.500000', environment: 'production',
  }),
  obsRow({
    project_id: PROJECT_A, trace_id: 't3', id: 'o6', name: 'third', is_root: true, trace_name: 'batch-job',
    start_time: '2024-05-02 09:00:00.000000', user_id: 'u1', session_id: 's2', version: 'v2', environment: 'staging',
  }),
  obsRow({
    project_id: PROJECT_B, trace_id: 't4', id: 'o7', name: 'secret', is_root: true,
    start_time: '2024-05-01 12:00:00.000000', end_time: '2024-05-01 12:00:00.250000',
    user_id: 'u1', session_id: 's1', input: '"secret-input"',
  }),
];

/** Later versions: o3 renamed by a legacy update, o5 deleted (is_deleted is not part of the batch format). */
export const updateRows = [
  { ...observationRows[2]!, name: 'tool-v2', event_ts: '2024-05-03 00:00:00.000000' },
  { ...observationRows[4]!, event_ts: '2024-05-03 00:00:00.000000', is_deleted: 1 },
];

const score = (fields: Record<string, unknown>) => ({
  observation_id: '', session_id: '', dataset_run_id: '', string_value: '', comment: '', metadata: '',
  author_user_id: '', config_id: '', queue_id: '', environment: 'production',
  created_at: '2024-05-01 10:05:00.000000', event_ts: '2024-05-01 10:05:00.000000', ...fields,
});

export const scoreRows = [
  score({ project_id: PROJECT_A, id: 'sc1', trace_id: 't1', name: 'quality', value: 0.9, data_type: 'NUMERIC', source: 'API',
    timestamp: '2024-05-01 10:05:00.000000', comment: 'solid', metadata: '{"by":"test"}' }),
  score({ project_id: PROJECT_A, id: 'sc2', trace_id: 't1', observation_id: 'o2', name: 'tone', value: 1, string_value: 'good',
    data_type: 'CATEGORICAL', source: 'ANNOTATION', timestamp: '2024-05-01 10:06:00.000000', config_id: 'cfg-1' }),
  score({ project_id: PROJECT_B, id: 'sc3', trace_id: 't4', name: 'quality', value: 0.1, data_type: 'NUMERIC', source: 'API',
    timestamp: '2024-05-01 12:05:00.000000' }),
];

export const fixtureBytes = (): Buffer => jsonEachRow(observationRows);
