-- Prompt management (Langfuse's prompts, prompt_dependencies, prompt_protected_labels).
-- One row per (project, name, version); `latest` and every other label sit on one version of a name at most.
CREATE TABLE prompts (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name text NOT NULL,
    version integer NOT NULL,
    type text NOT NULL CHECK (type IN ('text', 'chat')),
    prompt jsonb NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    labels text[] NOT NULL DEFAULT '{}',
    tags text[] NOT NULL DEFAULT '{}',
    commit_message text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name, version)
);

CREATE INDEX prompts_project_updated_at_idx ON prompts (project_id, updated_at);

-- Composition tags of a version, so deleting or relabelling a child can check who depends on it.
CREATE TABLE prompt_dependencies (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    parent_id text NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    child_name text NOT NULL,
    child_label text,
    child_version integer,
    CHECK ((child_label IS NULL) <> (child_version IS NULL))
);

CREATE INDEX prompt_dependencies_child_idx ON prompt_dependencies (project_id, child_name);
CREATE INDEX prompt_dependencies_parent_idx ON prompt_dependencies (parent_id);

-- As in Langfuse, protected labels gate UI users only; project API keys are not restricted by them.
CREATE TABLE prompt_protected_labels (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    label text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, label)
);
