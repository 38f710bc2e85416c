import { z } from 'zod';

/** ClickHouse DateTime64(6) text form, always UTC: `YYYY-MM-DD hh:mm:ss.ffffff`. */
const dateTime64 = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);

export const OBSERVATION_TYPES = [
  'SPAN',
  'GENERATION',
  'EVENT',
  'AGENT',
  'TOOL',
  'CHAIN',
  'RETRIEVER',
  'EVALUATOR',
  'EMBEDDING',
  'GUARDRAIL',
] as const;
export const observationType = z.enum(OBSERVATION_TYPES);
export type ObservationType = z.infer<typeof observationType>;

export const LEVELS = ['DEBUG', 'DEFAULT', 'WARNING', 'ERROR'] as const;
export const observationLevel = z.enum(LEVELS);
export type ObservationLevel = z.infer<typeof observationLevel>;

/**
 * One row of the `observations` table (clickhouse/0001_observations.sql), exactly as it is written in
 * JSONEachRow. This is the batch format's row: the collector produces it, the worker inserts it as is.
 * JSON-valued fields (input, output, metadata, model_parameters, trace_*) hold JSON text, '' when absent.
 */
export const observationRow = z.object({
  project_id: z.string(),
  trace_id: z.string(),
  id: z.string(),
  parent_observation_id: z.string(),
  type: observationType,
  name: z.string(),
  start_time: dateTime64,
  end_time: dateTime64.nullable(),
  completion_start_time: dateTime64.nullable(),
  level: observationLevel,
  status_message: z.string(),
  version: z.string(),
  release: z.string(),
  environment: z.string(),
  is_root: z.boolean(),
  trace_name: z.string(),
  user_id: z.string(),
  session_id: z.string(),
  tags: z.array(z.string()),
  public: z.boolean(),
  trace_input: z.string(),
  trace_output: z.string(),
  trace_metadata: z.string(),
  model: z.string(),
  model_id: z.string(),
  model_parameters: z.string(),
  usage_details: z.record(z.string(), z.number().int().nonnegative()),
  cost_details: z.record(z.string(), z.number()),
  prompt_id: z.string(),
  prompt_name: z.string(),
  prompt_version: z.number().int().nonnegative().nullable(),
  input: z.string(),
  output: z.string(),
  metadata: z.string(),
  event_ts: dateTime64,
});
export type ObservationRow = z.infer<typeof observationRow>;

type IdentityField = 'project_id' | 'trace_id' | 'id' | 'type' | 'name' | 'start_time' | 'event_ts';

/**
 * Every field but the identity ones, empty: row builders spread it first and set what they know,
 * so a column added to the row is defaulted in one place. A fresh object each call (rows are mutable).
 */
export function emptyObservationFields(): Omit<ObservationRow, IdentityField> {
  return {
    parent_observation_id: '',
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
  };
}
