import type { ClickHouseClient } from '@clickhouse/client';
import { latest, nullIfEmpty, parseJsonText, selectRows } from '../clickhouse/index.js';
import { latestRunItems } from './run-items-repo.js';

/** One run's result for one dataset item: the linked trace's output, latency (s), cost (USD) and scores. */
export interface RunItemResult {
  runItemId: string;
  traceId: string;
  observationId: string | null;
  output: unknown;
  latency: number | null;
  totalCost: number | null;
  /** Average value per score name (numeric and boolean scores) over the trace and its observations. */
  scores: Record<string, number>;
}

export interface RunSummary {
  runId: string;
  runName: string;
  itemCount: number;
  avgLatency: number | null;
  avgTotalCost: number | null;
  /** Per score name, the average over the run's items of each item's average. */
  avgScores: Record<string, number>;
  /** Scores given to the run itself (`datasetRunId` on a score), averaged per name. */
  runScores: Record<string, number>;
}

export interface RunComparison {
  runs: RunSummary[];
  /** Per dataset item (snapshot from its newest run item), each run's result keyed by run id. */
  items: { datasetItemId: string; input: unknown; expectedOutput: unknown; runs: Record<string, RunItemResult> }[];
}

interface Row {
  runItemId: string;
  runId: string;
  runName: string;
  itemId: string;
  traceId: string;
  observationId: string;
  input: string;
  expectedOutput: string;
  latency: number | null;
  totalCost: number | null;
  traceOutput: string | null;
  observationOutput: string | null;
}

const ROOT = "(is_root OR parent_observation_id = '')";

/**
 * Compares runs of a dataset side by side (the UI's compare view): per item, each run's result; per run,
 * averages. Metrics come from the linked traces' newest observation versions.
 */
export async function compareRuns(
  client: ClickHouseClient,
  projectId: string,
  datasetId: string,
  runIds: readonly string[],
): Promise<RunComparison> {
  const scope = { datasetId, runIds };
  const params = { projectId, ...scope };
  const result = await client.query({
    query: `WITH ri AS ${latestRunItems(scope, ['id', 'dataset_run_id', 'dataset_run_name', 'dataset_item_id', 'trace_id', 'observation_id', 'dataset_item_input', 'dataset_item_expected_output', 'created_at'])},
     obs AS (SELECT * EXCEPT (is_deleted) FROM (
       SELECT id, trace_id, parent_observation_id, is_root, start_time, end_time, total_cost, output, trace_output, is_deleted
       FROM observations WHERE project_id = {projectId: String} AND trace_id IN (SELECT trace_id FROM ri)
       ORDER BY event_ts DESC LIMIT 1 BY id) WHERE is_deleted = 0),
     t AS (SELECT trace_id,
       dateDiff('millisecond', min(start_time), max(coalesce(end_time, start_time))) / 1000 AS latency,
       toFloat64(sum(total_cost)) AS totalCost,
       if(argMaxIf(trace_output, start_time, trace_output != '') != '', argMaxIf(trace_output, start_time, trace_output != ''),
          argMinIf(output, start_time, ${ROOT})) AS output
       FROM obs GROUP BY trace_id)
     SELECT ri.id AS runItemId, ri.dataset_run_id AS runId, ri.dataset_run_name AS runName, ri.dataset_item_id AS itemId,
       ri.trace_id AS traceId, ri.observation_id AS observationId, ri.dataset_item_input AS input,
       ri.dataset_item_expected_output AS expectedOutput,
       t.latency AS latency, t.totalCost AS totalCost, t.output AS traceOutput, o.output AS observationOutput
     FROM ri
     LEFT JOIN t ON t.trace_id = ri.trace_id
     LEFT JOIN (SELECT id, output FROM obs) AS o ON o.id = ri.observation_id AND ri.observation_id != ''
     ORDER BY ri.dataset_item_id, ri.created_at`,
    query_params: params,
    format: 'JSONEachRow',
    // Items whose trace hasn't arrived yet get nulls rather than zeros.
    clickhouse_settings: { join_use_nulls: 1 },
  });
  const rows = await result.json<Row>();
  const traceIds = [...new Set(rows.map((r) => r.traceId))];
  const scores = await selectRows<{ key: string; byRun: number; name: string; value: number }>(
    client,
    `SELECT if(dataset_run_id IN {runIds: Array(String)}, dataset_run_id, trace_id) AS key,
       dataset_run_id IN {runIds: Array(String)} AS byRun, name, avg(value) AS value
     FROM ${latest('scores', ['id', 'trace_id', 'dataset_run_id', 'name', 'value', 'data_type'], ["(trace_id IN {traceIds: Array(String)} OR dataset_run_id IN {runIds: Array(String)})", "data_type IN ('NUMERIC', 'BOOLEAN')"])}
     GROUP BY key, byRun, name`,
    { ...params, traceIds },
  );
  return assemble(rows, runIds, scores);
}

function assemble(rows: Row[], runIds: readonly string[], scores: { key: string; byRun: number; name: string; value: number }[]): RunComparison {
  const scoresOf = (key: string, byRun: boolean) =>
    Object.fromEntries(scores.filter((s) => s.key === key && Boolean(s.byRun) === byRun).map((s) => [s.name, s.value]));
  const items = new Map<string, RunComparison['items'][number]>();
  const perRun = new Map<string, { name: string; results: RunItemResult[] }>();
  for (const row of rows) {
    const result: RunItemResult = {
      runItemId: row.runItemId,
      traceId: row.traceId,
      observationId: nullIfEmpty(row.observationId),
      output: parseJsonText((row.observationId !== '' ? row.observationOutput : row.traceOutput) ?? ''),
      latency: row.latency,
      totalCost: row.totalCost,
      scores: scoresOf(row.traceId, false),
    };
    // Rows are oldest first per item: a later link of the same item in a run replaces the earlier one.
    const item = items.get(row.itemId) ?? { datasetItemId: row.itemId, input: null, expectedOutput: null, runs: {} };
    item.input = parseJsonText(row.input);
    item.expectedOutput = parseJsonText(row.expectedOutput);
    item.runs[row.runId] = result;
    items.set(row.itemId, item);
    perRun.set(row.runId, { name: row.runName, results: [] });
  }
  for (const item of items.values()) for (const [runId, result] of Object.entries(item.runs)) perRun.get(runId)!.results.push(result);
  const runs = runIds
    .filter((id) => perRun.has(id))
    .map((runId) => {
      const { name, results } = perRun.get(runId)!;
      const names = [...new Set(results.flatMap((r) => Object.keys(r.scores)))];
      return {
        runId,
        runName: name,
        itemCount: results.length,
        avgLatency: average(results.map((r) => r.latency)),
        avgTotalCost: average(results.map((r) => r.totalCost)),
        avgScores: Object.fromEntries(names.map((n) => [n, average(results.map((r) => r.scores[n] ?? null))!])),
        runScores: scoresOf(runId, true),
      };
    });
  return { runs, items: [...items.values()] };
}

function average(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}
