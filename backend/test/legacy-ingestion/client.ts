import { Langfuse } from 'langfuse';
import { TEST_KEYS, basicAuthHeader } from '../helpers/spanlight.js';

/** A legacy SDK client that records the JSON bodies it posts to /api/public/ingestion. */
export function recordingLangfuse(apiUrl: string): { langfuse: Langfuse; requests: unknown[] } {
  const langfuse = new Langfuse({ ...TEST_KEYS, baseUrl: apiUrl, flushAt: 1000, flushInterval: 60_000 });
  const requests: unknown[] = [];
  const send = langfuse.fetch.bind(langfuse);
  langfuse.fetch = (url, options) => {
    if (url.endsWith('/api/public/ingestion') && typeof options.body === 'string') requests.push(JSON.parse(options.body));
    return send(url, options);
  };
  return { langfuse, requests };
}

export async function post(apiUrl: string, path: string, body: unknown, method = 'POST'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: basicAuthHeader(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
