import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { observationRow } from '../../batch/index.js';
import type { ObservationRow } from '../../batch/index.js';
import type { ExportTraceServiceRequest } from '../../otlp/types.js';
import { mapTraceRequest } from '../index.js';

/**
 * Golden tests over the public OTLP examples in testdata/ (copied from the shared fixtures; each has
 * its *.expected.md). They assert the baseline fields. Where a fixture's expected mapping needs a
 * convention module that doesn't exist yet, the test pins today's baseline value and says so with
 * "follow-up:", so the module that adds it updates the expectation here.
 */

export interface Expected {
  type: ObservationRow['type'];
  name: string;
  parent: string;
  model?: string;
  usage?: Record<string, number>;
  /** null = no input column; otherwise matched (toMatchObject / toEqual) against the parsed JSON. */
  input?: unknown;
  output?: unknown;
  level?: ObservationRow['level'];
  status?: string;
  trace?: Partial<Pick<ObservationRow, 'trace_name' | 'user_id' | 'session_id' | 'tags' | 'environment'>>;
}

export function load(file: string): ObservationRow[] {
  const body = JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as ExportTraceServiceRequest;
  const result = mapTraceRequest(body, { projectId: 'p', receivedAt: 1750000010000 });
  expect(result.rejectedSpans).toBe(0);
  expect(result.errorMessage).toBe('');
  for (const row of result.rows) observationRow.parse(row);
  return result.rows;
}

export function check(rows: ObservationRow[], id: string, e: Expected): void {
  const row = rows.find((r) => r.id === id);
  expect(row, id).toBeDefined();
  if (row === undefined) return;
  expect({ type: row.type, name: row.name, parent: row.parent_observation_id, is_root: row.is_root }, id).toEqual({
    type: e.type,
    name: e.name,
    parent: e.parent,
    is_root: e.parent === '',
  });
  expect(row.model, id).toBe(e.model ?? '');
  expect(row.usage_details, id).toEqual(e.usage ?? {});
  expect(row.level, id).toBe(e.level ?? 'DEFAULT');
  expect(row.status_message, id).toBe(e.status ?? '');
  for (const [column, expected] of [['input', e.input], ['output', e.output]] as const) {
    if (expected === undefined) continue;
    if (expected === null) expect(row[column], `${id} ${column}`).toBe('');
    else if (typeof expected === 'object') expect(JSON.parse(row[column]), `${id} ${column}`).toMatchObject(expected);
    else expect(JSON.parse(row[column]), `${id} ${column}`).toEqual(expected);
  }
  if (e.trace !== undefined) expect(row, id).toMatchObject(e.trace);
}

export const text = (content: string) => ({ type: 'text', content });
