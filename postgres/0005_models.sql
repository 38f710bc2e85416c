-- Project model definitions (the managed defaults live in backend/src/models/default-models.json, not here).
-- Prices hang off pricing tiers: one default tier (priority 0, no conditions) plus optional conditional ones.
CREATE TABLE models (
    id text PRIMARY KEY,
    project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    model_name text NOT NULL,
    match_pattern text NOT NULL,
    start_date timestamptz,
    unit text NOT NULL DEFAULT 'TOKENS',
    tokenizer_id text,
    tokenizer_config jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Langfuse's unique (project_id, model_name, start_date, unit), with "no start date" counted as one value.
CREATE UNIQUE INDEX models_identity_idx ON models (project_id, model_name, coalesce(start_date, '-infinity'::timestamptz), unit);

CREATE TABLE pricing_tiers (
    id text PRIMARY KEY,
    model_id text NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    name text NOT NULL,
    is_default boolean NOT NULL,
    priority integer NOT NULL,
    -- [{usageDetailPattern, operator, value, caseSensitive}]
    conditions jsonb NOT NULL DEFAULT '[]',
    -- {usageType: USD per unit}
    prices jsonb NOT NULL DEFAULT '{}',
    UNIQUE (model_id, priority),
    UNIQUE (model_id, name)
);
