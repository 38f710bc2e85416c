import type { Kysely } from 'kysely';
import { ApiError } from '../errors.js';
import type { Database } from '../postgres/index.js';
import type { PromptCache } from './cache.js';
import type { ChildRef } from './dependencies.js';
import { resolvePrompt } from './dependencies.js';
import { listPromptMeta, type PromptMetaPage } from './list.js';
import { findPrompt } from './repository.js';
import { PRODUCTION_LABEL, type CreatePromptInput, type ListPromptsFilter } from './schemas.js';
import { promptDb } from './tables.js';
import { childFinder, toApiPrompt, type ApiPrompt } from './wire.js';
import { addLabels, createPromptVersion, deletePromptVersions } from './writes.js';

export interface GetPromptParams {
  version?: number;
  label?: string;
  resolve: boolean;
}

export interface PromptService {
  /** The prompt as a ready JSON body (served from the cache when warm). */
  getJson(projectId: string, name: string, params: GetPromptParams): Promise<string>;
  list(projectId: string, filter: ListPromptsFilter): Promise<PromptMetaPage>;
  create(projectId: string, input: CreatePromptInput): Promise<ApiPrompt>;
  addLabels(projectId: string, name: string, version: number, newLabels: string[]): Promise<ApiPrompt>;
  delete(projectId: string, name: string, target: { version?: number; label?: string }): Promise<void>;
}

function notFoundMessage(name: string, ref: ChildRef): string {
  return `Prompt not found: '${name}' ${ref.type === 'version' ? `with version ${ref.version}` : `with label '${ref.label}'`}`;
}

/** Prompt management over Postgres; every write invalidates the project's cached reads once committed. */
export function createPromptService(database: Kysely<Database>, cache: PromptCache): PromptService {
  const db = promptDb(database);

  const loadJson = async (projectId: string, name: string, ref: ChildRef, resolve: boolean): Promise<string | null> => {
    const row = await findPrompt(db, projectId, name, ref);
    if (!row) return null;
    const resolved = resolve
      ? await resolvePrompt(row, childFinder(db, projectId))
      : { prompt: row.prompt, graph: null };
    return JSON.stringify(toApiPrompt(row, resolved));
  };

  const afterWrite = async <T>(projectId: string, write: Promise<T>): Promise<T> => {
    const result = await write;
    await cache.invalidate(projectId);
    return result;
  };

  return {
    async getJson(projectId, name, { version, label, resolve }) {
      if (version !== undefined && label !== undefined) {
        throw new ApiError('invalid_request', 'Cannot specify both version and label');
      }
      const ref: ChildRef =
        version !== undefined ? { type: 'version', version } : { type: 'label', label: label ?? PRODUCTION_LABEL };
      const key = `${name}\u0000${ref.type === 'version' ? `v:${ref.version}` : `l:${ref.label}`}\u0000${resolve}`;
      const json = await cache.getOrLoad(projectId, key, () => loadJson(projectId, name, ref, resolve));
      if (json === null) throw new ApiError('not_found', notFoundMessage(name, ref));
      return json;
    },
    list: (projectId, filter) => listPromptMeta(db, projectId, filter),
    create: async (projectId, input) => toApiPrompt(await afterWrite(projectId, createPromptVersion(db, projectId, input))),
    addLabels: async (projectId, name, version, newLabels) =>
      toApiPrompt(await afterWrite(projectId, addLabels(db, projectId, name, version, newLabels))),
    delete: (projectId, name, target) => afterWrite(projectId, deletePromptVersions(db, projectId, name, target)),
  };
}
