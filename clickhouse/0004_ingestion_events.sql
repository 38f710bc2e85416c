-- Raw legacy ingestion events (`POST /api/public/ingestion`), kept per entity so the worker can rebuild a
-- trace or observation from its whole history on every batch: the merged row then does not depend on the
-- order in which events arrived (Langfuse gets the same property by re-reading every event file of the entity).
-- A redelivered batch re-inserts equal keys, which reads collapse with LIMIT 1 BY event_id.
CREATE TABLE IF NOT EXISTS ingestion_events
(
    project_id String,
    entity_kind LowCardinality(String),
    entity_id String,
    event_id String,
    timestamp DateTime64(6, 'UTC'),
    type LowCardinality(String),
    body String CODEC(ZSTD(3)),
    received_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (project_id, entity_kind, entity_id, event_id);
