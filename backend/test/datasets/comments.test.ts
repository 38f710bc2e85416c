import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendGenAiTrace } from '../helpers/genai-trace.js';
import { apiGet, apiSend, basicAuthHeader, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

let spanlight: TestSpanlight;
let traceId: string;
let projectId: string;
beforeAll(async () => {
  spanlight = await startTestSpanlight();
  const exporter = new OTLPTraceExporter({ url: `${spanlight.apiUrl}/api/public/otel/v1/traces`, headers: { authorization: basicAuthHeader() } });
  traceId = await sendGenAiTrace(exporter, 'comments');
  await eventually(async () => ((await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`)).status === 200 ? true : undefined));
  projectId = (await apiGet(spanlight.apiUrl, '/api/public/projects')).body.data[0].id;
});
afterAll(async () => {
  await spanlight?.close();
});

const post = (body: unknown) => apiSend(spanlight.apiUrl, 'POST', '/api/public/comments', body);

describe('comments', () => {
  it('creates comments on an existing trace, lists them by object and reads one back', async () => {
    const first = await post({ projectId, objectType: 'TRACE', objectId: traceId, content: 'looks **wrong**', authorUserId: 'u1' });
    expect(first.status).toBe(200);
    await post({ projectId, objectType: 'TRACE', objectId: traceId, content: 'second' });

    const one = await apiGet(spanlight.apiUrl, `/api/public/comments/${first.body.id}`);
    expect(one.body).toMatchObject({ id: first.body.id, projectId, objectType: 'TRACE', objectId: traceId, content: 'looks **wrong**', authorUserId: 'u1' });

    const listed = await apiGet(spanlight.apiUrl, `/api/public/comments?objectType=TRACE&objectId=${traceId}&limit=1`);
    expect(listed.body.meta).toMatchObject({ totalItems: 2, totalPages: 2 });
    const byAuthor = await apiGet(spanlight.apiUrl, '/api/public/comments?authorUserId=u1');
    expect(byAuthor.body.data.map((c: any) => c.id)).toEqual([first.body.id]);
  });

  it('rejects comments on missing objects, other projects and invalid input', async () => {
    expect(await post({ projectId, objectType: 'TRACE', objectId: 'nope', content: 'x' })).toMatchObject({
      status: 404,
      body: { message: 'No trace with id nope in this project' },
    });
    expect((await post({ projectId: 'other', objectType: 'TRACE', objectId: traceId, content: 'x' })).status).toBe(400);
    expect((await post({ projectId, objectType: 'DATASET', objectId: traceId, content: 'x' })).body.message).toBe('Invalid request data');
    expect((await post({ projectId, objectType: 'TRACE', objectId: traceId, content: 'x'.repeat(5001) })).status).toBe(400);
    expect((await apiGet(spanlight.apiUrl, '/api/public/comments?objectId=x')).status).toBe(400);
    expect((await apiGet(spanlight.apiUrl, '/api/public/comments/missing')).body).toEqual({ message: 'Comment not found', error: 'LangfuseNotFoundError' });
  });
});
