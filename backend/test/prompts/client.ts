/** The path of a prompt by name (URL-encoded: names may hold `/` folders), with an optional query. */
export const promptPath = (name: string, query = ''): string =>
  `/api/public/v2/prompts/${encodeURIComponent(name)}${query ? `?${query}` : ''}`;
