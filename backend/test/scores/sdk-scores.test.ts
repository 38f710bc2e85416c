import { randomUUID } from 'node:crypto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { LangfuseClient } from '@langfuse/client';
import { Langfuse } from 'langfuse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendGenAiTrace } from '../helpers/genai-trace.js';
import { TEST_KEYS, apiGet, basicAuthHeader, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
let traceId: string;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
  // Scores need a trace to show up in; it arrives over OTLP as the SDKs' own traces do.
  const exporter = new OTLPTraceExporter({ url: `${spanlight.otlpHttpUrl}/v1/traces`, headers: { authorization: basicAuthHeader() } });
  traceId = await sendGenAiTrace(exporter, `scores-${randomUUID().slice(0, 8)}`);
  await eventually(async () => ((await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`)).status === 200 ? true : undefined));
});
afterAll(async () => {
  await spanlight?.close();
});

/** The trace's scores by name once `count` of them are readable through GET /api/public/v2/scores. */
async function scoresOfTrace(count: number): Promise<Record<string, any>> {
  const body = await eventually(async () => {
    const res = await apiGet(spanlight.apiUrl, `/api/public/v2/scores?traceId=${traceId}&limit=100`);
    return res.body.data.length >= count ? res.body : undefined;
  });
  return Object.fromEntries(body.data.map((s: any) => [s.name, s]));
}

describe('Langfuse SDKs writing scores', () => {
  it('@langfuse/client 5.x: numeric, boolean, categorical and config-bound scores', async () => {
    const langfuse = new LangfuseClient({ ...TEST_KEYS, baseUrl: spanlight.apiUrl });
    const config = await langfuse.api.scoreConfigs.create({
      name: 'tone',
      dataType: 'CATEGORICAL',
      categories: [
        { label: 'friendly', value: 1 },
        { label: 'rude', value: -1 },
      ],
    });
    expect(config).toMatchObject({ name: 'tone', dataType: 'CATEGORICAL', isArchived: false });

    langfuse.score.create({ traceId, name: 'v5-accuracy', value: 0.75, comment: 'close enough' });
    langfuse.score.create({ traceId, name: 'v5-correct', value: 1, dataType: 'BOOLEAN' });
    langfuse.score.create({ traceId, name: 'v5-label', value: 'positive', metadata: { reviewer: 'bot' } });
    langfuse.score.create({ traceId, name: 'tone', value: 'rude', configId: config.id });
    await langfuse.flush();

    const byName = await scoresOfTrace(4);
    expect(byName['v5-accuracy']).toMatchObject({ traceId, dataType: 'NUMERIC', value: 0.75, comment: 'close enough', source: 'API' });
    expect(byName['v5-correct']).toMatchObject({ dataType: 'BOOLEAN', value: 1, stringValue: 'True' });
    expect(byName['v5-label']).toMatchObject({ dataType: 'CATEGORICAL', value: 0, stringValue: 'positive', metadata: { reviewer: 'bot' } });
    expect(byName.tone).toMatchObject({ dataType: 'CATEGORICAL', value: -1, stringValue: 'rude', configId: config.id });

    // The SDK's own read client parses our answers (GET /api/public/v2/scores and /v2/scores/{id}).
    const listed = await langfuse.api.scores.getMany({ traceId, name: 'tone' });
    expect(listed.data.map((s) => s.id)).toEqual([byName.tone.id]);
    expect(await langfuse.api.scores.getById(byName['v5-correct'].id)).toMatchObject({ dataType: 'BOOLEAN', stringValue: 'True' });
    await langfuse.shutdown();
  });

  it('langfuse 3.x: langfuse.score() + flushAsync(), visible inside GET /api/public/traces/{id}', async () => {
    const langfuse = new Langfuse({ ...TEST_KEYS, baseUrl: spanlight.apiUrl });
    langfuse.score({ id: 'legacy-score', traceId, name: 'legacy-quality', value: 3 });
    langfuse.score({ traceId, name: 'legacy-ok', value: 0, dataType: 'BOOLEAN' });
    await langfuse.flushAsync();

    const trace = await eventually(async () => {
      const { body } = await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`);
      return body.scores?.some((s: any) => s.name === 'legacy-ok') ? body : undefined;
    });
    const byName = Object.fromEntries(trace.scores.map((s: any) => [s.name, s]));
    expect(byName['legacy-quality']).toMatchObject({ id: 'legacy-score', traceId, value: 3, dataType: 'NUMERIC' });
    expect(byName['legacy-ok']).toMatchObject({ value: 0, stringValue: 'False', dataType: 'BOOLEAN' });
    expect(trace.scores.length).toBeGreaterThanOrEqual(6);
    await langfuse.shutdownAsync();
  });
});
