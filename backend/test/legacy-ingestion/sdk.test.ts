import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';
import { recordingLangfuse } from './client.js';

let spanlight: TestSpanlight;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
});
afterAll(async () => {
  await spanlight?.close();
});

describe('legacy JS SDK (langfuse v3) over POST /api/public/ingestion', () => {
  it('stores a trace with nested spans, generations updated after creation, events and trace.update()', async () => {
    const { langfuse, requests } = recordingLangfuse(spanlight.apiUrl);
    const traceId = randomUUID();
    const trace = langfuse.trace({
      id: traceId,
      name: 'chat',
      userId: 'user-1',
      sessionId: 'session-1',
      release: 'r1',
      version: 'v1',
      tags: ['a'],
      metadata: { team: { name: 'core' } },
      input: { question: 'hi' },
    });
    const span = trace.span({ name: 'retrieve', input: { q: 'hi' }, metadata: { step: 1 }, version: 'span-v' });
    const inner = span.span({ name: 'inner', level: 'WARNING', statusMessage: 'slow' });
    inner.end({ output: ['doc'] });
    const generation = span.generation({
      name: 'llm',
      model: 'gpt-4o',
      modelParameters: { temperature: 0.2, maxTokens: 100 },
      input: [{ role: 'user', content: 'hi' }],
      usage: { input: 10, output: 20, unit: 'TOKENS', inputCost: 0.001, outputCost: 0.002 },
      metadata: { a: { x: 1 } },
    });
    await langfuse.flushAsync();
    // Updates and end after the create was sent: a later HTTP request.
    generation.update({ completionStartTime: new Date(Date.now() + 5), metadata: { a: { y: 2 } } });
    generation.end({ output: { role: 'assistant', content: 'hello' }, usageDetails: { input: 12, output: 30, cache_read: 2 } });
    span.end({ output: { docs: 1 } });
    trace.event({ name: 'feedback-shown', input: { shown: true }, level: 'DEBUG' });
    trace.update({ output: { answer: 'hello' }, tags: ['b'], metadata: { team: { size: 3 } } });
    await langfuse.flushAsync();
    await langfuse.shutdownAsync();
    expect(requests.length).toBeGreaterThanOrEqual(2);
    if (process.env.SPANLIGHT_RECORD_SDK) {
      await writeFile(new URL('./testdata/sdk-batches.json', import.meta.url), JSON.stringify(requests, null, 2) + '\n');
    }

    const got = await eventually(async () => {
      const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`);
      const done = status === 200 && body.output && body.observations.length === 4 &&
        body.observations.every((o: any) => o.type === 'EVENT' || o.endTime !== null) &&
        body.observations.some((o: any) => o.usageDetails.cache_read === 2);
      return done ? body : undefined;
    });
    expect(got).toMatchObject({
      id: traceId,
      name: 'chat',
      userId: 'user-1',
      sessionId: 'session-1',
      release: 'r1',
      version: 'v1',
      tags: ['a', 'b'],
      input: { question: 'hi' },
      output: { answer: 'hello' },
      metadata: { team: { name: 'core', size: 3 } },
      environment: 'default',
      public: false,
    });
    expect(got.metadata).toEqual({ team: { name: 'core', size: 3 } });
    expect(got.observations.map((o: any) => o.id)).not.toContain(`t-${traceId}`);
    const byName = Object.fromEntries(got.observations.map((o: any) => [o.name, o]));
    expect(byName.retrieve).toMatchObject({
      id: span.id, traceId, type: 'SPAN', parentObservationId: null, input: { q: 'hi' }, output: { docs: 1 },
      metadata: { step: 1 }, version: 'span-v', level: 'DEFAULT',
    });
    expect(byName.inner).toMatchObject({ id: inner.id, type: 'SPAN', parentObservationId: span.id, level: 'WARNING', statusMessage: 'slow', output: ['doc'] });
    expect(byName.llm).toMatchObject({
      id: generation.id,
      type: 'GENERATION',
      parentObservationId: span.id,
      model: 'gpt-4o',
      modelParameters: { temperature: 0.2, maxTokens: 100 },
      input: [{ role: 'user', content: 'hi' }],
      output: { role: 'assistant', content: 'hello' },
      metadata: { a: { x: 1, y: 2 } },
      // The later usageDetails replace the first usage: {input, output} from usage overlaid with the details.
      usageDetails: { input: 12, output: 30, cache_read: 2, total: 44 },
      costDetails: { input: 0.001, output: 0.002, total: 0.003 },
      usage: { input: 12, output: 30, total: 44 },
    });
    expect(byName.llm.completionStartTime).not.toBeNull();
    expect(Date.parse(byName.llm.endTime)).toBeGreaterThanOrEqual(Date.parse(byName.llm.startTime));
    expect(byName['feedback-shown']).toMatchObject({ type: 'EVENT', parentObservationId: null, level: 'DEBUG', input: { shown: true } });
    expect(got.latency).toBeGreaterThanOrEqual(0);

    const list = await apiGet(spanlight.apiUrl, `/api/public/observations?traceId=${traceId}`);
    expect(list.body.data.map((o: any) => o.id).sort()).toEqual([span.id, inner.id, generation.id, byName['feedback-shown'].id].sort());
    const one = await apiGet(spanlight.apiUrl, `/api/public/observations/${generation.id}`);
    expect(one.body).toMatchObject({ id: generation.id, output: { role: 'assistant', content: 'hello' } });
    expect((await apiGet(spanlight.apiUrl, `/api/public/observations/t-${traceId}`)).status).toBe(404);

    // Trace-level fields live on the trace's own row only, yet filter and aggregate over the whole trace.
    const byUser = await apiGet(spanlight.apiUrl, `/api/public/traces?userId=user-1`);
    expect(byUser.body.data.map((t: any) => t.id)).toContain(traceId);
    const listed = byUser.body.data.find((t: any) => t.id === traceId);
    expect(listed).toMatchObject({ name: 'chat', sessionId: 'session-1', tags: ['a', 'b'] });
    expect(listed.observations).toHaveLength(4);
    const obsByUser = await apiGet(spanlight.apiUrl, `/api/public/observations?userId=user-1&type=GENERATION`);
    expect(obsByUser.body.data.map((o: any) => o.id)).toEqual([generation.id]);
  });
});
