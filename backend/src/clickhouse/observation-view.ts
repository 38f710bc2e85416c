import type { ObservationView } from './domain.js';
import { nullIfEmpty, parseJsonText, secondsBetween, toIso } from './rows.js';

/** Columns of an ObservationsView except the large JSON ones (IO_COLUMNS), read only for returned rows. */
export const VIEW_COLUMNS = [
  'id',
  'trace_id',
  'type',
  'name',
  'start_time',
  'end_time',
  'completion_start_time',
  'model',
  'model_id',
  'model_parameters',
  'version',
  'level',
  'status_message',
  'parent_observation_id',
  'prompt_id',
  'prompt_name',
  'prompt_version',
  'usage_details',
  'cost_details',
  'environment',
] as const;
export const IO_COLUMNS = ['input', 'output', 'metadata'] as const;

export type ViewRow = Record<(typeof VIEW_COLUMNS)[number], string> & {
  end_time: string | null;
  completion_start_time: string | null;
  prompt_version: number | null;
  usage_details: Record<string, number>;
  cost_details: Record<string, number>;
};
export type IoRow = Record<(typeof IO_COLUMNS)[number], string>;

export function toObservationView(row: ViewRow, io: IoRow | undefined): ObservationView {
  const usage = splitDetails(row.usage_details);
  const cost = splitDetails(row.cost_details);
  return {
    id: row.id,
    traceId: row.trace_id,
    type: row.type,
    name: nullIfEmpty(row.name),
    startTime: toIso(row.start_time),
    endTime: toIso(row.end_time),
    completionStartTime: toIso(row.completion_start_time),
    model: nullIfEmpty(row.model),
    modelParameters: parseJsonText(row.model_parameters),
    input: io ? parseJsonText(io.input) : null,
    output: io ? parseJsonText(io.output) : null,
    metadata: io ? parseJsonText(io.metadata) : null,
    version: nullIfEmpty(row.version),
    level: row.level,
    statusMessage: nullIfEmpty(row.status_message),
    parentObservationId: nullIfEmpty(row.parent_observation_id),
    promptId: nullIfEmpty(row.prompt_id),
    promptName: nullIfEmpty(row.prompt_name),
    promptVersion: row.prompt_version,
    modelId: nullIfEmpty(row.model_id),
    usage: { input: usage.input ?? 0, output: usage.output ?? 0, total: usage.total ?? 0, unit: 'TOKENS' },
    usageDetails: row.usage_details,
    costDetails: row.cost_details,
    calculatedInputCost: cost.input,
    calculatedOutputCost: cost.output,
    calculatedTotalCost: cost.total,
    inputPrice: null,
    outputPrice: null,
    totalPrice: null,
    latency: secondsBetween(row.start_time, row.end_time),
    timeToFirstToken: secondsBetween(row.start_time, row.completion_start_time),
    environment: row.environment,
  };
}

/**
 * Langfuse's reduction of usage/cost details: input = the `input*` keys summed, output = the `output*`
 * keys, total = `total` if present else input + output; null when the details have no such key.
 */
export function splitDetails(details: Record<string, number>): { input: number | null; output: number | null; total: number | null } {
  const sum = (prefix: string): number | null => {
    const values = Object.entries(details).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  };
  const input = sum('input');
  const output = sum('output');
  const total = details.total ?? (input === null && output === null ? null : (input ?? 0) + (output ?? 0));
  return { input, output, total };
}
