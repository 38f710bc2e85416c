import type { FindChild, ResolutionGraph } from './dependencies.js';
import { findPrompt } from './repository.js';
import { PRODUCTION_LABEL } from './schemas.js';
import type { PromptContent, PromptDb, PromptRow } from './tables.js';

/** Langfuse's Prompt object: the stored row in camelCase plus the legacy `isActive` (= has `production`). */
export interface ApiPrompt {
  id: string;
  createdAt: string;
  updatedAt: string;
  projectId: string;
  createdBy: string;
  name: string;
  version: number;
  type: 'text' | 'chat';
  prompt: PromptContent;
  config: Record<string, unknown>;
  labels: string[];
  tags: string[];
  commitMessage: string | null;
  isActive: boolean;
  resolutionGraph?: ResolutionGraph | null;
}

export function toApiPrompt(
  row: PromptRow,
  resolved?: { prompt: PromptContent; graph: ResolutionGraph | null },
): ApiPrompt {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    projectId: row.project_id,
    createdBy: row.created_by,
    name: row.name,
    version: row.version,
    type: row.type,
    prompt: resolved ? resolved.prompt : row.prompt,
    config: row.config ?? {},
    labels: row.labels,
    tags: row.tags,
    commitMessage: row.commit_message,
    isActive: row.labels.includes(PRODUCTION_LABEL),
    ...(resolved ? { resolutionGraph: resolved.graph } : {}),
  };
}

/** The resolver's view of the project's prompts through `db` (a transaction while creating). */
export function childFinder(db: PromptDb, projectId: string): FindChild {
  return (name, ref) => findPrompt(db, projectId, name, ref);
}
