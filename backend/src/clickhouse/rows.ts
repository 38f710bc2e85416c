import type { ClickHouseClient } from '@clickhouse/client';

/** Query parameters bound server-side as `{name: Type}`; never interpolated into SQL text. */
export type Params = Record<string, unknown>;

export async function selectRows<T>(client: ClickHouseClient, query: string, params: Params): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

/** How much of a project a read selects: most of its rows, or those of a few ids or traces. */
export type Reach = 'scan' | 'lookup';

/**
 * The newest live version of each row of `table` in the project, then dropped if that version is a
 * deletion. `where` may only test columns that never change between versions (ids, start_time).
 *
 * `reach: 'scan'` (observations only) is for reads over most of a project's rows. Every version of an
 * observation keeps its project, start_time, trace and id, which are the sorting key, so
 * ReplacingMergeTree's FINAL collapses exactly the versions of one id (newest event_ts wins, a newest
 * is_deleted hides it), merging in stream only the key ranges that overlap across parts, where
 * `ORDER BY event_ts LIMIT 1 BY id` sorts every selected row. For a few ids or traces ('lookup') the
 * sort is cheaper: FINAL cannot prune by a trace or id that isn't a sorting-key prefix. Scores may
 * change their sorting-key columns (name, timestamp) between versions, so they always collapse by id.
 */
export function latest(
  table: 'observations' | 'scores',
  columns: readonly string[],
  where: readonly string[] = [],
  reach: Reach = 'lookup',
): string {
  const conditions = ['project_id = {projectId: String}', ...where].join(' AND ');
  if (table === 'observations' && reach === 'scan') return `(SELECT ${columns.join(', ')} FROM observations FINAL WHERE ${conditions})`;
  return `(SELECT * EXCEPT (is_deleted) FROM (
    SELECT ${[...columns, 'is_deleted'].join(', ')} FROM ${table} WHERE ${conditions}
    ORDER BY event_ts DESC LIMIT 1 BY id
  ) WHERE is_deleted = 0)`;
}

/**
 * The `{limit}`/`{offset}` page of `query`'s rows in `order`, with the number of all its rows: the count
 * is a window over the one evaluation of `query`; only a page past the end counts on its own.
 */
export async function pageWithTotal<T>(
  client: ClickHouseClient,
  query: string,
  order: string,
  params: Params,
): Promise<{ rows: T[]; total: number }> {
  const rows = await selectRows<T & { pageTotal: number }>(
    client,
    `SELECT *, count() OVER () AS pageTotal FROM (${query}) ORDER BY ${order} LIMIT {limit: UInt32} OFFSET {offset: UInt32}`,
    params,
  );
  const total = rows[0]?.pageTotal ?? (await selectRows<{ total: number }>(client, `SELECT count() AS total FROM (${query})`, params))[0]?.total;
  return { rows, total: total ?? 0 };
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
