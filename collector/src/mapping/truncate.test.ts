import { describe, expect, it } from 'vitest';
import { mapTraceRequest } from './index.js';
import { request, span } from './testdata/build.js';
import { metadataOf } from './testdata/map.js';
import { cut, exceeds } from './truncate.js';

const context = { projectId: 'p', receivedAt: 1750000005123, maxFieldBytes: 1000 };

describe('truncation', () => {
  it('measures UTF-8 bytes and never splits a character', () => {
    expect(exceeds('a'.repeat(10), 10)).toBe(false);
    expect(exceeds('é'.repeat(6), 10)).toBe(true);
    const text = cut('é'.repeat(600), 100);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^é+…\(truncated from 1200 bytes\)$/);
  });

  it('cuts a large attribute, keeps the span, and counts it', () => {
    const big = JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'x'.repeat(5000) }] }]);
    const result = mapTraceRequest(
      request([span({ attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': big, note: 'y'.repeat(2000) } })]),
      context,
    );
    expect(result.rows).toHaveLength(1);
    expect(result.truncatedValues).toBe(2);
    const row = result.rows[0]!;
    expect(row.type).toBe('GENERATION');
    // Cut JSON is no longer JSON: stored as a string ending in the marker.
    expect(JSON.parse(row.input)).toMatch(/…\(truncated from \d+ bytes\)$/);
    expect(Buffer.byteLength(JSON.parse(row.input))).toBeLessThanOrEqual(1000);
    const metadata = metadataOf(row);
    expect(metadata.truncated).toEqual(['attributes.gen_ai.input.messages', 'attributes.note']);
    expect(metadata.attributes.note).toMatch(/^y+…\(truncated from 2000 bytes\)$/);
  });

  it('cuts a column assembled from many small values', () => {
    const attrs: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) attrs[`gen_ai.prompt.${i}.content`] = 'z'.repeat(100);
    const result = mapTraceRequest(request([span({ attrs })]), context);
    expect(result.truncatedValues).toBe(1);
    expect(metadataOf(result.rows[0]!).truncated).toEqual(['input']);
  });

  it('defaults to 1 MiB', () => {
    const result = mapTraceRequest(request([span({ attrs: { note: 'n'.repeat(200_000) } })]), { projectId: 'p', receivedAt: 0 });
    expect(result.truncatedValues).toBe(0);
  });
});

describe('skipped spans', () => {
  it('drops Logfire pending spans without rejecting them', () => {
    const result = mapTraceRequest(
      request([span({ attrs: { 'logfire.span_type': 'pending_span' } }), span({ attrs: { 'logfire.span_type': 'span' } })]),
      context,
    );
    expect(result).toMatchObject({ rejectedSpans: 0, skippedSpans: 1, errorMessage: '' });
    expect(result.rows).toHaveLength(1);
  });
});
