import { basicAuthHeader } from '../helpers/spanlight.js';

export interface ApiResponse {
  status: number;
  body: any;
}

/** A JSON call to the public API as the test project. */
export async function call(apiUrl: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: basicAuthHeader(), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

export const promptPath = (name: string, query = ''): string =>
  `/api/public/v2/prompts/${encodeURIComponent(name)}${query ? `?${query}` : ''}`;
