import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONVENTIONS } from './index.js';

/**
 * docs/mapping.md must name every dotted attribute key (or key prefix) that a convention module reads,
 * and every convention with its priority, so the documented mapping can't drift from the code.
 */

const dir = new URL('./conventions/', import.meta.url);
const docs = readFileSync(new URL('../../../docs/mapping.md', import.meta.url), 'utf8');
const KEY = /'([a-zA-Z_][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+\.?)'/g;

function keysIn(file: string): string[] {
  const source = readFileSync(new URL(file, dir), 'utf8');
  return [...source.matchAll(KEY)].map((m) => m[1]!);
}

describe('docs/mapping.md', () => {
  const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(modules)('names every attribute key read by %s', (file) => {
    // A key ending in '.' is a prefix, documented as `prefix.*` or `prefix.{i}.*`; `prefix.0.` is the
    // cheap gate of an indexed list and counts as its prefix.
    const missing = keysIn(file).filter((key) => !docs.includes(`\`${key.replace(/\.0\.$/, '.')}`));
    expect(missing).toEqual([]);
  });

  it('lists every convention with its priority, in order', () => {
    for (const c of CONVENTIONS) expect(docs).toContain(`| ${c.priority} | ${c.name} |`);
  });
});
