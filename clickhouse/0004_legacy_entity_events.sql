-- Raw legacy ingestion events (`POST /api/public/ingestion`), kept per entity so the worker can rebuild a
-- trace or observation from its whole history on every batch: the merged row then does not depend on the
-- order in which events arrived. A redelivered batch re-inserts equal keys, which reads collapse with
-- LIMIT 1 BY event_id.
-- The worker reads histories back as point lookups by sort key for the entities a flush touched; random
-- entity ids spread those over as many granules, and each granule read costs its full bodies, so small
-- (256-row) granules make each lookup read ~30x fewer bytes once the table is large.
CREATE TABLE IF NOT EXISTS legacy_entity_events
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
ORDER BY (project_id, entity_kind, entity_id, event_id)
SETTINGS index_granularity = 256;
