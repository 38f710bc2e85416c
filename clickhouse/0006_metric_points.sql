-- OTLP metric data points (e.g. gen_ai.client.token.usage, gen_ai.client.operation.duration), one row
-- per point. `value` holds a sum or gauge point; histograms fill count/sum/min/max and the buckets.
-- point_id (a hash of the point) lets a redelivered batch collapse (read with FINAL for exact sums).
CREATE TABLE IF NOT EXISTS metric_points
(
    project_id String,
    point_id String,
    name LowCardinality(String),
    type LowCardinality(String),
    unit LowCardinality(String),
    temporality LowCardinality(String),
    start_time DateTime64(6, 'UTC'),
    time DateTime64(6, 'UTC'),
    attributes Map(String, String),
    resource_attributes Map(String, String),
    scope_name String,
    value Nullable(Float64),
    count Nullable(UInt64),
    sum Nullable(Float64),
    min Nullable(Float64),
    max Nullable(Float64),
    bucket_counts Array(UInt64),
    explicit_bounds Array(Float64),
    received_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (project_id, name, time, point_id);
