import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors.js';
import { parseDependencyTags, resolvePrompt } from './dependencies.js';
import {
  deletePromptsById,
  findDependents,
  findLatest,
  findPrompt,
  insertDependencies,
  insertPrompt,
  listVersions,
  lockPromptName,
  removeLabelsFromOtherVersions,
  setLabels,
  setTagsOnAllVersions,
} from './repository.js';
import { LATEST_LABEL, type CreatePromptInput } from './schemas.js';
import type { PromptDb, PromptRow } from './tables.js';
import { childFinder } from './wire.js';

const unique = <T>(values: T[]): T[] => [...new Set(values)];
const sameSet = (a: string[], b: string[]): boolean => JSON.stringify(unique(a).sort()) === JSON.stringify(unique(b).sort());

/** `{{name}}` variables as Langfuse extracts them: trimmed, starting with a letter. */
function variablesOf(text: string): string[] {
  return [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!.trim()).filter((v) => /^\p{L}[\p{L}\p{N}_]*$/u.test(v));
}

function assertNoPlaceholderCollision(input: CreatePromptInput): void {
  if (input.type !== 'chat') return;
  const placeholders = new Set(input.prompt.flatMap((m) => ('type' in m ? [m.name] : [])));
  const variables = unique(input.prompt.flatMap((m) => ('content' in m ? variablesOf(m.content) : [])));
  const clashes = variables.filter((v) => placeholders.has(v));
  if (clashes.length > 0) {
    throw new ApiError(
      'invalid_request',
      `Cannot create prompt, variables and placeholders must be unique, the following are not: ${clashes.join(', ')}`,
    );
  }
}

/**
 * A new version `max+1` under a per-name advisory lock (concurrent creates get distinct versions). It takes
 * `latest` and its labels from older versions, and rewrites the name's tags when given.
 */
export async function createPromptVersion(db: PromptDb, projectId: string, input: CreatePromptInput): Promise<PromptRow> {
  assertNoPlaceholderCollision(input);
  const tags = parseDependencyTags(input.prompt);
  return db.transaction().execute(async (trx) => {
    await lockPromptName(trx, projectId, input.name);
    const latest = await findLatest(trx, projectId, input.name);
    if (latest && latest.type !== input.type) {
      throw new ApiError(
        'invalid_request',
        'Previous versions have different prompt type. Create a new prompt with a different name.',
      );
    }
    const row = {
      id: randomUUID(),
      project_id: projectId,
      name: input.name,
      version: (latest?.version ?? 0) + 1,
      type: input.type,
      prompt: input.prompt,
      config: input.config,
      labels: unique([...input.labels, LATEST_LABEL]),
      tags: unique(input.tags ?? latest?.tags ?? []),
      commit_message: input.commitMessage ?? null,
      created_by: 'API',
    };
    if (tags.length > 0) await resolvePrompt(row, childFinder(trx, projectId));
    await removeLabelsFromOtherVersions(trx, projectId, input.name, row.labels);
    if (latest && !sameSet(row.tags, latest.tags)) await setTagsOnAllVersions(trx, projectId, input.name, row.tags);
    const created = await insertPrompt(trx, row);
    await insertDependencies(trx, projectId, created.id, tags);
    return created;
  });
}

/** Adds labels to one version (moving them off the others). `latest` is refused by the body schema. */
export async function addLabels(
  db: PromptDb,
  projectId: string,
  name: string,
  version: number,
  newLabels: string[],
): Promise<PromptRow> {
  return db.transaction().execute(async (trx) => {
    await lockPromptName(trx, projectId, name);
    const row = await findPrompt(trx, projectId, name, { type: 'version', version });
    if (!row) throw new ApiError('not_found', `Prompt not found: ${name}`);
    const labels = unique([...row.labels, ...newLabels]);
    await removeLabelsFromOtherVersions(trx, projectId, name, unique(newLabels), row.id);
    return setLabels(trx, projectId, row.id, labels);
  });
}

/**
 * Deletes all versions of a name, one version, or the version holding a label. Refused while another prompt
 * embeds a deleted version or a label that would disappear; `latest` moves to the newest remaining version.
 */
export async function deletePromptVersions(
  db: PromptDb,
  projectId: string,
  name: string,
  target: { version?: number; label?: string },
): Promise<void> {
  if (target.version !== undefined && target.label !== undefined) {
    throw new ApiError('invalid_request', 'Cannot specify both version and label');
  }
  await db.transaction().execute(async (trx) => {
    await lockPromptName(trx, projectId, name);
    const all = await listVersions(trx, projectId, name);
    const doomed = all.filter(
      (v) =>
        (target.version === undefined || v.version === target.version) &&
        (target.label === undefined || v.labels.includes(target.label)),
    );
    if (doomed.length === 0) throw new ApiError('not_found', 'Prompt not found');
    const doomedIds = new Set(doomed.map((v) => v.id));
    const remaining = all.filter((v) => !doomedIds.has(v.id));

    const blocking = (await findDependents(trx, projectId, name)).filter((d) =>
      d.child_version !== null
        ? doomed.some((v) => v.version === d.child_version)
        : !remaining.some((v) => v.labels.includes(d.child_label!)),
    );
    if (blocking.length > 0) {
      const lines = blocking.map(
        (d) => `${d.parent_name} v${d.parent_version} depends on ${name} ${d.child_version !== null ? `v${d.child_version}` : d.child_label}`,
      );
      throw new ApiError(
        'invalid_request',
        `Other prompts are depending on prompt versions you are trying to delete:\n\n${lines.join('\n')}\n\nPlease delete the dependent prompts first.`,
      );
    }

    const newest = remaining.at(-1);
    if (newest && !remaining.some((v) => v.labels.includes(LATEST_LABEL))) {
      await setLabels(trx, projectId, newest.id, unique([...newest.labels, LATEST_LABEL]));
    }
    await deletePromptsById(trx, projectId, [...doomedIds]);
  });
}
