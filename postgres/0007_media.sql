-- Media uploaded by SDKs (base64 payloads lifted out of inputs/outputs), deduplicated per project by content hash.
CREATE TABLE media (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    sha256_hash text NOT NULL,
    content_type text NOT NULL,
    content_length bigint NOT NULL,
    bucket_path text NOT NULL,
    uploaded_at timestamptz,
    upload_http_status integer,
    upload_http_error text,
    upload_time_ms integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, sha256_hash)
);

-- Where a media object is referenced: a trace, observation, dataset or dataset item field.
CREATE TABLE media_links (
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    media_id text NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    object_type text NOT NULL,
    object_id text NOT NULL,
    field text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, media_id, object_type, object_id, field)
);

CREATE INDEX media_links_object_idx ON media_links (project_id, object_type, object_id);
