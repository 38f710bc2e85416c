import { describe, expect, it } from 'vitest';
import { versionOf, type EntityEvent } from './history.js';
import { rebuildRows } from './rebuild.js';

const ev = (eventId: string, timestamp: string, type: string, body: Record<string, unknown>, kind: EntityEvent['kind'] = 'observation'): EntityEvent => ({
  kind, entityId: String(body.id), eventId, timestamp, type, body,
});

const history: EntityEvent[] = [
  ev('e1', '2025-01-01T00:00:01.000Z', 'span-create', { id: 'o1', traceId: 't1', name: 'a', startTime: '2025-01-01T00:00:00.900Z', metadata: { x: { a: 1 } }, input: 'in' }),
  ev('e2', '2025-01-01T00:00:02.000Z', 'span-update', { id: 'o1', name: 'b', metadata: { x: { b: 2 } }, input: '', output: 'out', statusMessage: null }),
  ev('e3', '2025-01-01T00:00:02.000Z', 'span-update', { id: 'o1', endTime: '2025-01-01T00:00:02.000Z', level: 'ERROR', statusMessage: 'boom' }),
  ev('e4', '2025-01-01T00:00:01.500Z', 'trace-create', { id: 't1', name: 'trace', tags: ['b'], public: true }, 'trace'),
  ev('e5', '2025-01-01T00:00:03.000Z', 'trace-create', { id: 't1', tags: ['a'], output: { r: 1 } }, 'trace'),
];

describe('rebuildRows', () => {
  it('merges field by field, independently of the order events are read in', () => {
    const rows = rebuildRows('p', history);
    for (const order of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 4, 2]]) {
      expect(rebuildRows('p', order.map((i) => history[i]!)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...rows].sort((a, b) => a.id.localeCompare(b.id)),
      );
    }
    const span = rows.find((r) => r.id === 'o1')!;
    expect(span).toMatchObject({
      trace_id: 't1', type: 'SPAN', name: 'b', start_time: '2025-01-01 00:00:00.900000', end_time: '2025-01-01 00:00:02.000000',
      level: 'ERROR', status_message: 'boom', input: 'in', output: 'out', metadata: '{"x":{"a":1,"b":2}}', is_root: false,
    });
    const trace = rows.find((r) => r.id === 't-t1')!;
    expect(trace).toMatchObject({ type: 'TRACE', is_root: true, trace_name: 'trace', tags: ['a', 'b'], public: false, trace_output: '{"r":1}' });
  });

  it('versions a rebuild deterministically and higher when it saw more events', () => {
    expect(versionOf(history.slice(0, 2))).toBe('2025-01-01 00:00:02.000002');
    expect(versionOf(history.slice(0, 2))).toBe(versionOf([history[1]!, history[0]!]));
    expect(versionOf(history.slice(0, 3)) > versionOf(history.slice(0, 2))).toBe(true);
    expect(versionOf([ev('x', '2025-01-01T00:00:00.999Z', 'span-create', { id: 'o' })])).toBe('2025-01-01 00:00:00.999001');
  });
});
