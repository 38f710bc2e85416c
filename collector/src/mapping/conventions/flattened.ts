import type { SpanView } from '../span-view.js';
import { parsed } from './helpers.js';

/**
 * Rebuilds flattened lists (`gen_ai.prompt.0.role`, `llm.input_messages.1.message.tool_calls.0.tool_call.id`)
 * into arrays of objects. Numeric segments become array positions, sorted as numbers and packed (a huge
 * index can't allocate a huge array); `unwrap` names wrapper segments that are dropped (OpenInference's
 * `message`, `tool_call`, `document`). Leaves named in `parse` are JSON-decoded when they hold JSON.
 */

type Tree = { [segment: string]: Tree | unknown };

const INDEX = /^\d+$/;

function pack(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const tree = node as Tree;
  const keys = Object.keys(tree);
  for (const key in tree) tree[key] = pack(tree[key]);
  if (keys.length > 0 && keys.every((k) => INDEX.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => tree[k]);
  }
  return tree;
}

export interface Flattened {
  value: unknown[];
  keys: string[];
}

export function unflatten(
  span: SpanView,
  prefix: string,
  unwrap: ReadonlySet<string> = new Set(),
  parse: ReadonlySet<string> = new Set(),
): Flattened | undefined {
  const root = Object.create(null) as Tree;
  const keys: string[] = [];
  for (const key of span.keys) {
    if (!key.startsWith(prefix)) continue;
    const segments = key.slice(prefix.length).split('.');
    // Only indexed keys are list items (`gen_ai.prompt.prompt_filter_results` is not a message).
    if (!INDEX.test(segments[0] ?? '')) continue;
    let node = root;
    const path = segments.filter((s) => !unwrap.has(s));
    for (let i = 0; i < path.length - 1; i++) {
      const segment = path[i]!;
      let next = node[segment];
      if (next === null || typeof next !== 'object') node[segment] = next = Object.create(null) as Tree;
      node = next as Tree;
    }
    const leaf = path[path.length - 1]!;
    const value = span.attributes[key];
    node[leaf] = parse.has(leaf) ? parsed(value) : value;
    keys.push(key);
  }
  if (keys.length === 0) return undefined;
  const value = pack(root);
  return { value: Array.isArray(value) ? value : [value], keys };
}
