import { z } from 'zod';
import { isoTimestamp, optionalString, pagination, repeatable } from '../api/routes/params.js';
import { scoreDataType } from './schemas.js';
import { VALUE_OPERATORS, type ScoreCursor } from './score-reads.js';
import { SCORE_V3_FIELD_GROUPS } from './views.js';

const absent = (v: unknown) => (v === '' ? undefined : v);
const commaList = z.preprocess(
  absent,
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .optional(),
);
const optionalNumber = z.preprocess(absent, z.coerce.number().optional());
const dataType = z.preprocess(absent, scoreDataType.optional());
const source = z.preprocess(absent, z.enum(['API', 'EVAL', 'ANNOTATION']).optional());

/** `fields=a,b` as a list of known groups; absent means `fallback`. */
const fieldGroups = <const G extends readonly [string, ...string[]]>(groups: G, fallback: G[number][]) =>
  z.preprocess(
    absent,
    z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum(groups)))
      .optional()
      .transform((v) => v ?? fallback),
  );

export const SCORE_V2_FIELD_GROUPS = ['score', 'trace'] as const;

export const v2Query = z
  .object({
    ...pagination(100),
    userId: optionalString,
    name: optionalString,
    fromTimestamp: isoTimestamp,
    toTimestamp: isoTimestamp,
    environment: repeatable,
    source,
    operator: z.preprocess(absent, z.enum(VALUE_OPERATORS).optional()),
    value: optionalNumber,
    scoreIds: commaList,
    configId: optionalString,
    sessionId: optionalString,
    datasetRunId: optionalString,
    traceId: optionalString,
    observationId: commaList,
    queueId: optionalString,
    dataType,
    traceTags: repeatable,
    fields: fieldGroups(SCORE_V2_FIELD_GROUPS, ['score', 'trace']),
  })
  .refine((q) => (q.operator === undefined) === (q.value === undefined), {
    message: 'operator and value must be given together',
  })
  .refine((q) => q.fields.includes('score'), { message: 'Scores needs to be selected always.' })
  // As in Langfuse: trace filters need the trace fields they filter on.
  .refine((q) => q.fields.includes('trace') || (q.userId === undefined && !q.traceTags?.length), {
    message: "Cannot filter by trace properties (userId, traceTags) when 'trace' field is not included",
  });

const cursor = z.preprocess(
  absent,
  z
    .string()
    .transform((v, ctx): ScoreCursor | typeof z.NEVER => {
      try {
        const parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as ScoreCursor;
        if (typeof parsed.timestamp === 'string' && typeof parsed.id === 'string') return parsed;
      } catch {
        // falls through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: 'invalid cursor' });
      return z.NEVER;
    })
    .optional(),
);

export const v3Query = z.object({
  fields: fieldGroups(SCORE_V3_FIELD_GROUPS, ['core']),
  limit: z.preprocess(absent, z.coerce.number().int().min(1).max(100).default(50)),
  cursor,
  id: commaList,
  name: optionalString,
  source,
  dataType,
  environment: repeatable,
  configId: optionalString,
  queueId: optionalString,
  authorUserId: optionalString,
  value: optionalString,
  valueMin: optionalNumber,
  valueMax: optionalNumber,
  traceId: optionalString,
  sessionId: optionalString,
  observationId: commaList,
  experimentId: optionalString,
  fromTimestamp: isoTimestamp,
  toTimestamp: isoTimestamp,
});
