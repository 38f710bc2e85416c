import type { ClickHouseClient } from '@clickhouse/client';

/** Query parameters bound server-side as `{name: Type}`; never interpolated into SQL text. */
export type Params = Record<string, unknown>;

export async function selectRows<T>(client: ClickHouseClient, query: string, params: Params): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

/**
 * The newest live version of each row of `table` in the project: ReplacingMergeTree collapses versions
 * only eventually, so reads pick the highest event_ts per id, then drop the row if that version is a
 * deletion. `where` may only test columns that never change between versions (ids, start_time).
 */
export function latest(table: 'observations' | 'scores', columns: readonly string[], where: readonly string[] = []): string {
  const conditions = ['project_id = {projectId: String}', ...where].join(' AND ');
  return `(SELECT * EXCEPT (is_deleted) FROM (
    SELECT ${[...columns, 'is_deleted'].join(', ')} FROM ${table} WHERE ${conditions}
    ORDER BY event_ts DESC LIMIT 1 BY id
  ) WHERE is_deleted = 0)`;
}

/** ClickHouse `YYYY-MM-DD hh:mm:ss.ffffff` (UTC) → ISO 8601 with milliseconds and `Z`. */
export function toIso(value: string): string;
export function toIso(value: string | null): string | null;
export function toIso(value: string | null): string | null {
  if (value === null) return null;
  return `${value.slice(0, 10)}T${value.slice(11, 23)}Z`;
}

/** An ISO timestamp from a request → the DateTime64(6) text ClickHouse parses as a parameter. */
export function toDateTime64(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '000');
}

/** Seconds between two ClickHouse timestamps, null when either is missing. */
export function secondsBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return (epochMs(to) - epochMs(from)) / 1000;
}

function epochMs(value: string): number {
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}

export function nullIfEmpty(value: string): string | null {
  return value === '' ? null : value;
}

/** JSON-text columns back to JSON; '' is absent. Text that isn't JSON is returned as the string it is. */
export function parseJsonText(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function pageMetaOf(page: number, limit: number, totalItems: number) {
  return { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) };
}
