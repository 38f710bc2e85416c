import { ApiError } from '../errors.js';
import { findDatasetByName, upsertDataset } from './datasets-repo.js';
import { findItems } from './items-repo.js';
import { checkItem, compileSchema } from './json-schema.js';
import { type DatasetsDeps, requireDataset } from './items-service.js';
import { runNames } from './runs-repo.js';
import type { CreateDatasetBody, Dataset, DatasetItem } from './schemas.js';

const MAX_REPORTED = 10;

/**
 * Creates or updates a dataset by name. New JSON Schemas must compile and every current item must
 * already match them: a schema that existing items break is rejected, listing the first offenders.
 */
export async function createDataset(deps: DatasetsDeps, projectId: string, body: CreateDatasetBody): Promise<Dataset> {
  if (body.inputSchema != null) compileSchema(body.inputSchema, 'inputSchema');
  if (body.expectedOutputSchema != null) compileSchema(body.expectedOutputSchema, 'expectedOutputSchema');
  const existing = await findDatasetByName(deps.db, projectId, body.name);
  if (existing && (body.inputSchema != null || body.expectedOutputSchema != null)) {
    const schemas = {
      inputSchema: body.inputSchema !== undefined ? body.inputSchema : existing.inputSchema,
      expectedOutputSchema: body.expectedOutputSchema !== undefined ? body.expectedOutputSchema : existing.expectedOutputSchema,
    };
    const offenders = (await findItems(deps.db, projectId, { datasetId: existing.id }))
      .map((item) => ({ datasetItemId: item.id, violations: checkItem(schemas, item) }))
      .filter((o) => o.violations.length > 0);
    if (offenders.length > 0) {
      throw new ApiError(
        'invalid_request',
        `${offenders.length} existing dataset item(s) do not match the new JSON Schema`,
        offenders.slice(0, MAX_REPORTED),
      );
    }
  }
  return upsertDataset(deps.db, projectId, body);
}

/** The legacy v1 shape: the dataset with its current items and the names of its runs. */
export async function getLegacyDataset(
  deps: DatasetsDeps,
  projectId: string,
  name: string,
): Promise<Dataset & { items: DatasetItem[]; runs: string[] }> {
  const dataset = await requireDataset(deps, projectId, name);
  return withItemsAndRuns(deps, projectId, dataset);
}

export async function withItemsAndRuns(deps: DatasetsDeps, projectId: string, dataset: Dataset) {
  const [items, runs] = await Promise.all([
    findItems(deps.db, projectId, { datasetId: dataset.id }),
    runNames(deps.db, projectId, dataset.id),
  ]);
  return { ...dataset, items, runs };
}
