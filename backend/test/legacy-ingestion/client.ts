import { Langfuse } from 'langfuse';
import { TEST_KEYS } from '../helpers/spanlight.js';

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
