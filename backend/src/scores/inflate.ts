import { randomUUID } from 'node:crypto';
import { normalizeEnvironment, type ScoreBody, type ScoreConfig, type ScoreDataType, type ScoreRecord } from './schemas.js';

export type InflateResult = { ok: true; score: ScoreRecord } | { ok: false; message: string };

/** Looks up a project's score config by id; null when it does not exist. */
export type ConfigLookup = (configId: string) => Promise<ScoreConfig | null>;

const TEXT_MAX = 500;

/**
 * Validates a score body and completes it the way Langfuse stores it: the data type inferred when
 * absent (the config's wins), booleans given their `True`/`False` label, categorical values their
 * config category's number, and every config rule enforced (name, type, archived, range, categories).
 */
export async function inflateScore(body: ScoreBody, lookup: ConfigLookup): Promise<InflateResult> {
  let config: ScoreConfig | null = null;
  if (body.configId) {
    config = await lookup(body.configId);
    if (!config) return fail(`Score config ${body.configId} not found`);
    if (config.isArchived) return fail(`Score config ${config.name} is archived`);
    if (config.name !== body.name) {
      return fail(`Score name "${body.name}" does not match the name "${config.name}" of its config`);
    }
    if (body.dataType && body.dataType !== config.dataType) {
      return fail(`Data type ${body.dataType} does not match the data type ${config.dataType} of its config`);
    }
  }
  const dataType: ScoreDataType =
    config?.dataType ?? body.dataType ?? (typeof body.value === 'number' ? 'NUMERIC' : 'CATEGORICAL');
  if (dataType === 'CORRECTION' && (body.sessionId || body.datasetRunId)) {
    return fail('CORRECTION scores belong to a trace or an observation, not to a session or dataset run');
  }
  const value = valueOf(dataType, body.value, config);
  if (!value.ok) return value;
  return {
    ok: true,
    score: {
      id: body.id ?? randomUUID(),
      name: body.name,
      dataType,
      value: value.value,
      stringValue: value.stringValue,
      traceId: body.traceId ?? '',
      observationId: body.observationId ?? '',
      sessionId: body.sessionId ?? '',
      datasetRunId: body.datasetRunId ?? '',
      environment: normalizeEnvironment(body.environment),
      comment: body.comment ?? '',
      metadata: body.metadata === undefined || body.metadata === null ? '' : JSON.stringify(body.metadata),
      source: body.source ?? 'API',
      queueId: body.queueId ?? '',
      configId: body.configId ?? '',
    },
  };
}

type ValueResult = { ok: true; value: number; stringValue: string } | { ok: false; message: string };

function valueOf(dataType: ScoreDataType, raw: number | string, config: ScoreConfig | null): ValueResult {
  switch (dataType) {
    case 'NUMERIC': {
      if (typeof raw !== 'number') return fail('NUMERIC scores need a numeric value');
      if (config?.minValue != null && raw < config.minValue) {
        return fail(`Value ${raw} is below the minimum ${config.minValue} of score config ${config.name}`);
      }
      if (config?.maxValue != null && raw > config.maxValue) {
        return fail(`Value ${raw} is above the maximum ${config.maxValue} of score config ${config.name}`);
      }
      return { ok: true, value: raw, stringValue: '' };
    }
    case 'BOOLEAN':
      if (raw !== 0 && raw !== 1) return fail('BOOLEAN scores need the value 0 or 1');
      return { ok: true, value: raw, stringValue: raw === 1 ? 'True' : 'False' };
    case 'CATEGORICAL': {
      if (typeof raw !== 'string') return fail('CATEGORICAL scores need a string value');
      if (!config) return { ok: true, value: 0, stringValue: raw };
      const category = config.categories?.find((c) => c.label === raw);
      if (!category) {
        const labels = (config.categories ?? []).map((c) => c.label).join(', ');
        return fail(`Value "${raw}" is not a category of score config ${config.name} (${labels})`);
      }
      return { ok: true, value: category.value, stringValue: raw };
    }
    case 'TEXT':
      if (typeof raw !== 'string' || raw.length < 1 || raw.length > TEXT_MAX) {
        return fail(`TEXT scores need a string value of 1 to ${TEXT_MAX} characters`);
      }
      return { ok: true, value: 0, stringValue: raw };
    case 'CORRECTION':
      // The corrected output itself: any length, possibly empty; the numeric value is always 0.
      if (typeof raw !== 'string') return fail('CORRECTION scores need a string value');
      return { ok: true, value: 0, stringValue: raw };
  }
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
