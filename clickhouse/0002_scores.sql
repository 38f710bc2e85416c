-- Scores, keyed by id (a score id is an upsert key: the newest event_ts wins).
CREATE TABLE IF NOT EXISTS scores
(
    project_id String,
    id String,
    timestamp DateTime64(6, 'UTC'),
    trace_id String,
    observation_id String,
    session_id String,
    dataset_run_id String,
    name String,
    value Float64,
    string_value String,
    data_type LowCardinality(String),
    source LowCardinality(String),
    comment String,
    metadata String,
    author_user_id String,
    config_id String,
    queue_id String,
    environment LowCardinality(String),
    created_at DateTime64(6, 'UTC'),
    event_ts DateTime64(6, 'UTC'),
    is_deleted UInt8 DEFAULT 0,
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_session_id session_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(event_ts, is_deleted)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (project_id, toDate(timestamp), name, id)
