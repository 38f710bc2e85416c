import { z } from 'zod';

/** Langfuse treats an empty query value as absent. */
const absentIfEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema);

export const optionalString = absentIfEmpty(z.string().optional());

/** A parameter that may be repeated (`?tags=a&tags=b`), always as an array. */
export const repeatable = absentIfEmpty(
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
);

export const isoTimestamp = absentIfEmpty(z.iso.datetime({ offset: true }).optional());

export const booleanString = absentIfEmpty(
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
);

/** Page-based pagination: `page` 1-based, `limit` 1..max (default 50). */
export const pagination = (max: number) => ({
  page: absentIfEmpty(z.coerce.number().int().min(1).default(1)),
  limit: absentIfEmpty(z.coerce.number().int().min(1).max(max).default(50)),
});
