-- Links of a dataset run to the trace/observation produced for one dataset item, with a snapshot of the
-- run and of the item as it was when linked (items are versioned; the snapshot keeps comparisons stable).
-- Deletions write a newer is_deleted version of the row.
CREATE TABLE IF NOT EXISTS dataset_run_items
(
    project_id String,
    dataset_id String,
    dataset_run_id String,
    id String,
    dataset_item_id String,
    trace_id String,
    observation_id String,
    dataset_run_name String,
    dataset_run_description String,
    dataset_run_metadata String,
    dataset_run_created_at DateTime64(6, 'UTC'),
    dataset_item_input String CODEC(ZSTD(3)),
    dataset_item_expected_output String CODEC(ZSTD(3)),
    dataset_item_metadata String CODEC(ZSTD(3)),
    dataset_item_version Nullable(DateTime64(6, 'UTC')),
    created_at DateTime64(6, 'UTC'),
    event_ts DateTime64(6, 'UTC'),
    is_deleted UInt8 DEFAULT 0,
    INDEX idx_dataset_item dataset_item_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(event_ts, is_deleted)
ORDER BY (project_id, dataset_id, dataset_run_id, id);
