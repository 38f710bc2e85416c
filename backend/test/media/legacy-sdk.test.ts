import { randomBytes, randomUUID } from 'node:crypto';
import { Langfuse } from 'langfuse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS, apiGet, eventually, startTestSpanlight, type TestSpanlight } from '../helpers/spanlight.js';

/** The legacy `langfuse` SDK (v3) lifts base64 data URIs out of inputs: POST /media, PUT, PATCH, then a reference string. */
let spanlight: TestSpanlight;

beforeAll(async () => {
  spanlight = await startTestSpanlight();
});

afterAll(async () => {
  await spanlight?.close();
});

describe('legacy langfuse SDK media upload', () => {
  it('uploads a data URI from a trace input and the trace references a downloadable media object', async () => {
    const bytes = randomBytes(1500);
    const langfuse = new Langfuse({ ...TEST_KEYS, baseUrl: spanlight.apiUrl, flushAt: 1 });
    const errors: unknown[] = [];
    langfuse.on('error', (e) => errors.push(e));
    const traceId = randomUUID();
    langfuse.trace({ id: traceId, name: 'with-image', input: { image: `data:image/png;base64,${bytes.toString('base64')}` } });
    await langfuse.flushAsync();
    await langfuse.shutdownAsync();
    expect(errors).toEqual([]);

    const trace = await eventually(async () => {
      const { status, body } = await apiGet(spanlight.apiUrl, `/api/public/traces/${traceId}`);
      return status === 200 ? body : undefined;
    });
    const reference = /@@@langfuseMedia:type=image\/png\|id=([^|]+)\|source=base64_data_uri@@@/.exec(JSON.stringify(trace.input));
    expect(reference).not.toBeNull();
    const media = await apiGet(spanlight.apiUrl, `/api/public/media/${reference![1]}`);
    expect(media.body).toMatchObject({ mediaId: reference![1], contentType: 'image/png', contentLength: bytes.length });
    const download = await fetch(media.body.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
