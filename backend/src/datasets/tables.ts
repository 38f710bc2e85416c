import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../postgres/index.js';

/** jsonb of any JSON value: written as JSON text (pg would turn a JS array into a Postgres array), read back parsed. */
type JsonValue = ColumnType<unknown, string | null, string | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Kysely table types of postgres/0003_datasets.sql. */
// A type alias, not an interface: withTables needs the implicit index signature.
export type DatasetTables = {
  datasets: {
    id: string;
    project_id: string;
    name: string;
    description: string | null;
    metadata: JsonValue;
    input_schema: JsonValue;
    expected_output_schema: JsonValue;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  dataset_items: {
    project_id: string;
    id: string;
    dataset_id: string;
    status: string;
    input: JsonValue;
    expected_output: JsonValue;
    metadata: JsonValue;
    source_trace_id: string | null;
    source_observation_id: string | null;
    created_at: Timestamp;
    valid_from: Timestamp;
    valid_to: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    is_deleted: ColumnType<boolean, boolean | undefined, boolean>;
  };
  dataset_runs: {
    id: string;
    project_id: string;
    dataset_id: string;
    name: string;
    description: string | null;
    metadata: JsonValue;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
};

export type DatasetDb = Kysely<Database & DatasetTables>;

/** The shared database handle, typed with this feature's tables too. */
export const datasetDb = (db: Kysely<Database>): DatasetDb => db.withTables<DatasetTables>();

/** A JSON value for a jsonb column: null/undefined stay SQL NULL. */
export const toJsonb = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
