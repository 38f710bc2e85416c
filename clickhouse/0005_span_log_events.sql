-- GenAI content events received as OTLP log records (gen_ai.user.message, gen_ai.choice, …), kept per span.
-- They are attached to their span's observation when it is read, so a record may arrive before or after
-- its span. `slot` says which side the record feeds ('input' or 'output'); `content` is the record's value in the span
-- mapper's shape; `part` says it is one message of a list rather than the whole value. A redelivered batch re-inserts equal
-- keys, which ReplacingMergeTree (and reads with LIMIT 1 BY record_id) collapse.
CREATE TABLE IF NOT EXISTS span_log_events
(
    project_id String,
    trace_id String,
    span_id String,
    record_id String,
    time DateTime64(6, 'UTC'),
    seq UInt32,
    event_name LowCardinality(String),
    slot LowCardinality(String),
    part Bool,
    content String CODEC(ZSTD(3)),
    body String CODEC(ZSTD(3)),
    attributes String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
ORDER BY (project_id, trace_id, span_id, record_id);
