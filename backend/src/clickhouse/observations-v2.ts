import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import type { ObservationV2 } from './domain.js';
import { splitDetails } from './observation-view.js';
import { FILTER_COLUMNS, newestWindow, observationConditions, reachOf, whereClause, type ObservationFilter } from './observations.js';
import { latest, nullIfEmpty, parseJsonText, secondsBetween, selectRows, toIso } from './rows.js';

export const FIELD_GROUPS = ['core', 'basic', 'time', 'io', 'metadata', 'model', 'usage', 'prompt', 'metrics', 'trace_context'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

type Row = Record<string, unknown> & Record<'id' | 'trace_id' | 'start_time', string>;
const str = (row: Row, column: string): string => row[column] as string;
const time = (row: Row, column: string): string | null => toIso(row[column] as string | null);

/** Each group's columns and how it renders; only the requested groups' columns are read. */
const GROUPS: Record<FieldGroup, { columns: string[]; render(row: Row): ObservationV2 }> = {
  core: {
    columns: ['id', 'trace_id', 'start_time', 'end_time', 'parent_observation_id', 'type'],
    render: (r) => ({
      id: r.id,
      traceId: r.trace_id,
      startTime: time(r, 'start_time'),
      endTime: time(r, 'end_time'),
      parentObservationId: nullIfEmpty(str(r, 'parent_observation_id')),
      type: r.type,
    }),
  },
  basic: {
    columns: ['name', 'level', 'status_message', 'version', 'environment', 'public', 'user_id', 'session_id', 'is_root'],
    render: (r) => ({
      name: nullIfEmpty(str(r, 'name')),
      level: r.level,
      statusMessage: nullIfEmpty(str(r, 'status_message')),
      version: nullIfEmpty(str(r, 'version')),
      environment: r.environment,
      bookmarked: false,
      public: r.public,
      userId: nullIfEmpty(str(r, 'user_id')),
      sessionId: nullIfEmpty(str(r, 'session_id')),
      isRootObservation: r.is_root,
    }),
  },
  // Rows keep no first-write time: the version's write time stands for both.
  time: {
    columns: ['completion_start_time', 'event_ts'],
    render: (r) => ({ completionStartTime: time(r, 'completion_start_time'), createdAt: time(r, 'event_ts'), updatedAt: time(r, 'event_ts') }),
  },
  io: {
    columns: ['input', 'output'],
    render: (r) => ({ input: nullIfEmpty(str(r, 'input')), output: nullIfEmpty(str(r, 'output')) }),
  },
  metadata: { columns: ['metadata'], render: (r) => ({ metadata: parseJsonText(str(r, 'metadata')) }) },
  model: {
    columns: ['model', 'model_id', 'model_parameters'],
    render: (r) => ({
      providedModelName: nullIfEmpty(str(r, 'model')),
      internalModelId: nullIfEmpty(str(r, 'model_id')),
      modelParameters: parseJsonText(str(r, 'model_parameters')),
      modelId: nullIfEmpty(str(r, 'model_id')),
    }),
  },
  usage: {
    columns: ['usage_details', 'cost_details', 'total_cost'],
    render: (r) => {
      const usage = splitDetails(r.usage_details as Record<string, number>);
      const cost = splitDetails(r.cost_details as Record<string, number>);
      return {
        usageDetails: r.usage_details,
        costDetails: r.cost_details,
        totalCost: r.total_cost,
        usagePricingTierName: null,
        inputUsage: usage.input ?? 0,
        outputUsage: usage.output ?? 0,
        totalUsage: usage.total ?? 0,
        inputCost: cost.input,
        outputCost: cost.output,
      };
    },
  },
  prompt: {
    columns: ['prompt_id', 'prompt_name', 'prompt_version'],
    render: (r) => ({ promptId: nullIfEmpty(str(r, 'prompt_id')), promptName: nullIfEmpty(str(r, 'prompt_name')), promptVersion: r.prompt_version }),
  },
  metrics: {
    columns: ['start_time', 'end_time', 'completion_start_time'],
    render: (r) => ({
      latency: secondsBetween(r.start_time, r.end_time as string | null),
      timeToFirstToken: secondsBetween(r.start_time, r.completion_start_time as string | null),
    }),
  },
  trace_context: {
    columns: ['tags', 'release', 'trace_name'],
    render: (r) => ({ tags: r.tags, release: nullIfEmpty(str(r, 'release')), traceName: nullIfEmpty(str(r, 'trace_name')) }),
  },
};

/** Opaque position after the last row of a page: the sort key (start_time DESC, trace_id DESC, id DESC). */
const cursorSchema = z.object({ lastStartTimeTo: z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/), lastTraceId: z.string(), lastId: z.string() });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64');
}

/** The cursor a client sent back, or null when it isn't one of ours. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** v2 list: cursor-paginated, newest first, reading only the columns of the requested field groups. */
export async function listObservationsV2(
  client: ClickHouseClient,
  projectId: string,
  filter: ObservationFilter,
  options: { fields: readonly FieldGroup[]; limit: number; cursor?: Cursor },
): Promise<{ data: ObservationV2[]; meta: { cursor?: string } }> {
  const groups = [...new Set<FieldGroup>(['core', ...options.fields])];
  const outputColumns = [...new Set(groups.flatMap((g) => GROUPS[g].columns))];
  const { inner, outer, params } = observationConditions(projectId, filter);
  if (options.cursor) {
    inner.push(
      'start_time <= {cursorStart: DateTime64(6)}',
      '(start_time, trace_id, id) < ({cursorStart: DateTime64(6)}, {cursorTraceId: String}, {cursorId: String})',
    );
    Object.assign(params, { cursorStart: options.cursor.lastStartTimeTo, cursorTraceId: options.cursor.lastTraceId, cursorId: options.cursor.lastId });
  }
  const reach = reachOf(filter);
  const columns = [...new Set([...outputColumns, ...FILTER_COLUMNS])];
  const read = (where: string[]): Promise<Row[]> =>
    selectRows<Row>(
      client,
      `SELECT ${outputColumns.join(', ')} FROM ${latest('observations', columns, where, reach)} ${whereClause(outer)}
       ORDER BY start_time DESC, trace_id DESC, id DESC LIMIT {limit: UInt32}`,
      { ...params, limit: options.limit + 1, windowRows: options.limit + 1 },
    );
  // A short windowed page may hide rows behind stale versions in the window: re-read it whole.
  const windowed = reach === 'scan' ? await read([...inner, newestWindow(inner, outer)]) : [];
  const rows = windowed.length > options.limit ? windowed : await read(inner);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const data = page.map((row) => ({
    ...Object.assign({}, ...groups.map((g) => GROUPS[g].render(row))),
    projectId,
    ...(groups.includes('model') ? {} : { modelId: null }),
    inputPrice: null,
    outputPrice: null,
    totalPrice: null,
  }));
  const more = rows.length > options.limit && last;
  return { data, meta: more ? { cursor: encodeCursor({ lastStartTimeTo: last.start_time, lastTraceId: last.trace_id, lastId: last.id }) } : {} };
}
