-- Comments on traces, observations, sessions and prompts (markdown, ≤ 5000 chars).
CREATE TABLE comments (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    object_type text NOT NULL,
    object_id text NOT NULL,
    content text NOT NULL,
    author_user_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_object_idx ON comments (project_id, object_type, object_id);
