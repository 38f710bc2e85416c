import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../postgres/index.js';
import type { ChatMessage } from './schemas.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb is written as a JSON string (pg would turn a JS array into a Postgres array) and read back parsed. */
type JsonColumn<T> = ColumnType<T, string, string>;

export type PromptContent = string | ChatMessage[];

/** Kysely table types of postgres/0002_prompts.sql. */
export type PromptTables = {
  prompts: {
    id: string;
    project_id: string;
    name: string;
    version: number;
    type: 'text' | 'chat';
    prompt: JsonColumn<PromptContent>;
    config: JsonColumn<Record<string, unknown>>;
    labels: string[];
    tags: string[];
    commit_message: string | null;
    created_by: string;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  prompt_dependencies: {
    id: string;
    project_id: string;
    parent_id: string;
    child_name: string;
    child_label: string | null;
    child_version: number | null;
  };
};

export type PromptDb = Kysely<Database & PromptTables>;

export interface PromptRow {
  id: string;
  project_id: string;
  name: string;
  version: number;
  type: 'text' | 'chat';
  prompt: PromptContent;
  config: Record<string, unknown>;
  labels: string[];
  tags: string[];
  commit_message: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export function promptDb(db: Kysely<Database>): PromptDb {
  return db.withTables<PromptTables>();
}
