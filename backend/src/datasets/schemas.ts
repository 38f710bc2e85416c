import { z } from 'zod';
import { isoTimestamp, optionalString, pagination } from '../api/routes/params.js';

/** Any JSON value; a key left out means "keep what is stored" on upserts. */
const json = z.unknown().optional();
/** Any JSON value in a response (null when unset). */
const jsonOut = z.unknown();
const nullableString = z.string().nullish();
const isoDate = z.iso.datetime({ offset: true });

export const DATASET_ITEM_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export const datasetItemStatus = z.enum(DATASET_ITEM_STATUSES);

/** A JSON Schema is an object (or a boolean schema); null clears it. */
const jsonSchema = z.union([z.record(z.string(), z.unknown()), z.boolean()]).nullish();

export const createDatasetBody = z.object({
  name: z.string().min(1).max(255),
  description: nullableString,
  metadata: json,
  inputSchema: jsonSchema,
  expectedOutputSchema: jsonSchema,
});
export type CreateDatasetBody = z.infer<typeof createDatasetBody>;

export const createDatasetItemBody = z.object({
  datasetName: z.string().min(1),
  input: json,
  expectedOutput: json,
  metadata: json,
  sourceTraceId: nullableString,
  sourceObservationId: nullableString,
  id: z.string().min(1).max(255).nullish(),
  status: datasetItemStatus.nullish(),
});
export type CreateDatasetItemBody = z.infer<typeof createDatasetItemBody>;

export const createDatasetRunItemBody = z.object({
  runName: z.string().min(1),
  runDescription: nullableString,
  metadata: json,
  datasetItemId: z.string().min(1),
  traceId: nullableString,
  observationId: nullableString,
  datasetVersion: isoDate.nullish(),
  createdAt: isoDate.nullish(),
});
export type CreateDatasetRunItemBody = z.infer<typeof createDatasetRunItemBody>;

export const listQuery = z.object({ ...pagination(100) });

export const listItemsQuery = z.object({
  ...pagination(100),
  datasetName: optionalString,
  sourceTraceId: optionalString,
  sourceObservationId: optionalString,
  version: isoTimestamp,
});
export type ListItemsQuery = z.infer<typeof listItemsQuery>;

export const listRunItemsQuery = z.object({
  ...pagination(100),
  datasetId: z.string().min(1),
  runName: z.string().min(1),
});

export const compareQuery = z.object({
  runName: z
    .union([z.string().min(1), z.array(z.string().min(1))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string()).min(1).max(10)),
});

export const dataset = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  metadata: jsonOut,
  inputSchema: jsonOut,
  expectedOutputSchema: jsonOut,
  projectId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dataset = z.infer<typeof dataset>;

export const datasetItem = z.object({
  id: z.string(),
  status: datasetItemStatus,
  input: jsonOut,
  expectedOutput: jsonOut,
  metadata: jsonOut,
  sourceTraceId: z.string().nullable(),
  sourceObservationId: z.string().nullable(),
  datasetId: z.string(),
  datasetName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mediaReferences: z.array(z.unknown()),
});
export type DatasetItem = z.infer<typeof datasetItem>;

export const datasetRun = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  metadata: jsonOut,
  datasetId: z.string(),
  datasetName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DatasetRun = z.infer<typeof datasetRun>;

export const datasetRunItem = z.object({
  id: z.string(),
  datasetRunId: z.string(),
  datasetRunName: z.string(),
  datasetItemId: z.string(),
  traceId: z.string(),
  observationId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DatasetRunItem = z.infer<typeof datasetRunItem>;
