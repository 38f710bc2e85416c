-- Datasets, their versioned items and their runs. Run items live in ClickHouse (dataset_run_items).
CREATE TABLE datasets (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name text NOT NULL,
    description text,
    metadata jsonb,
    input_schema jsonb,
    expected_output_schema jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);

-- SCD-2 history: every upsert closes the current row (valid_to) and inserts a new one, so the state at
-- any time T is the row with valid_from <= T < valid_to. A deletion is a closing row with is_deleted.
-- Item ids are client-chosen upsert keys, unique per project (not per dataset).
CREATE TABLE dataset_items (
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id text NOT NULL,
    dataset_id text NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'ACTIVE',
    input jsonb,
    expected_output jsonb,
    metadata jsonb,
    source_trace_id text,
    source_observation_id text,
    created_at timestamptz NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    is_deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (project_id, id, valid_from)
);

CREATE UNIQUE INDEX dataset_items_current_idx ON dataset_items (project_id, id) WHERE valid_to IS NULL;
CREATE INDEX dataset_items_dataset_idx ON dataset_items (project_id, dataset_id, valid_from);

CREATE TABLE dataset_runs (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    dataset_id text NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    name text NOT NULL,
    description text,
    metadata jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, dataset_id, name)
);
