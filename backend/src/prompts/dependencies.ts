import { ApiError } from '../errors.js';
import type { PromptContent } from './tables.js';

/** Same limit as Langfuse: the root is level 0 and a prompt at level 5 is refused. */
export const MAX_NESTING_DEPTH = 5;

export type ChildRef = { type: 'version'; version: number } | { type: 'label'; label: string };
export type DependencyTag = ChildRef & { name: string; raw: string };

const TAG = /@@@langfusePrompt:(.*?)@@@/g;

/** The strings of a prompt that may hold composition tags: the text, or each chat message's content. */
function texts(content: PromptContent): string[] {
  if (typeof content === 'string') return [content];
  return content.flatMap((m) => ('content' in m ? [m.content] : []));
}

/**
 * `@@@langfusePrompt:name=<n>|version=<v>@@@` or `…|label=<l>@@@`; as in Langfuse, a tag that is not exactly
 * two parts with `name=` first is left alone (kept as literal text).
 */
export function parseDependencyTags(content: PromptContent): DependencyTag[] {
  const tags: DependencyTag[] = [];
  for (const text of texts(content)) {
    for (const match of text.matchAll(TAG)) {
      const parts = match[1]!.split('|');
      if (parts.length !== 2 || !parts[0]!.startsWith('name=')) continue;
      const params = Object.fromEntries(parts.map((p) => p.split('=') as [string, string | undefined]));
      const name = params.name;
      if (!name) continue;
      if (params.version !== undefined) {
        const version = Number(params.version);
        if (Number.isInteger(version) && params.version !== '') tags.push({ name, type: 'version', version, raw: match[0] });
      } else if (params.label) {
        tags.push({ name, type: 'label', label: params.label, raw: match[0] });
      }
    }
  }
  return tags;
}

export interface GraphNode {
  id: string;
  name: string;
  version: number;
}

export interface ResolutionGraph {
  root: GraphNode;
  /** Adjacency list: parent id → the children it embeds, in tag order. */
  dependencies: Record<string, GraphNode[]>;
}

export interface ResolvablePrompt extends GraphNode {
  type: 'text' | 'chat';
  prompt: PromptContent;
}

/** How the resolver reads children; the repository in production, a map in unit tests. */
export type FindChild = (name: string, ref: ChildRef) => Promise<ResolvablePrompt | undefined>;

function describe(tag: DependencyTag): string {
  return `${tag.name} - ${tag.type} ${tag.type === 'version' ? tag.version : tag.label}`;
}

/**
 * Replaces every composition tag by its child's resolved text, depth first. Children must be text prompts;
 * a cycle (or a child of the root's own name) is a conflict (409), other graph errors are invalid requests.
 */
export async function resolvePrompt(
  root: ResolvablePrompt,
  findChild: FindChild,
): Promise<{ prompt: PromptContent; graph: ResolutionGraph | null }> {
  const graph: ResolutionGraph = { root: { id: root.id, name: root.name, version: root.version }, dependencies: {} };
  const onPath = new Set<string>();

  const resolve = async (current: ResolvablePrompt, level: number): Promise<PromptContent> => {
    if (level >= MAX_NESTING_DEPTH) {
      throw new ApiError('invalid_request', `Maximum nesting depth exceeded (${MAX_NESTING_DEPTH})`);
    }
    if (onPath.has(current.id) || (current.name === root.name && current.id !== root.id)) {
      throw new ApiError(
        'conflict',
        `Circular dependency detected involving prompt '${current.name}' version ${current.version}`,
      );
    }
    const tags = parseDependencyTags(current.prompt);
    if (tags.length === 0) return current.prompt;
    onPath.add(current.id);
    const replacements = new Map<string, string>();
    for (const tag of tags) {
      const child = await findChild(tag.name, tag);
      if (!child) throw new ApiError('invalid_request', `Prompt dependency not found: ${describe(tag)}`);
      if (child.type !== 'text') {
        throw new ApiError('invalid_request', `Prompt dependency is not a text prompt: ${describe(tag)}`);
      }
      (graph.dependencies[current.id] ??= []).push({ id: child.id, name: child.name, version: child.version });
      replacements.set(tag.raw, (await resolve(child, level + 1)) as string);
    }
    onPath.delete(current.id);
    const substitute = (text: string): string =>
      text.replace(TAG, (raw) => replacements.get(raw) ?? raw);
    if (typeof current.prompt === 'string') return substitute(current.prompt);
    return current.prompt.map((m) => ('content' in m ? { ...m, content: substitute(m.content) } : m));
  };

  const prompt = await resolve(root, 0);
  return { prompt, graph: Object.keys(graph.dependencies).length > 0 ? graph : null };
}
