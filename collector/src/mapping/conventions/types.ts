import type { ObservationLevel, ObservationType } from '../../batch/index.js';
import type { SpanView } from '../span-view.js';

/** JSON text for a JSON-valued column, with the attribute keys it came from (left out of metadata.attributes). */
export interface Content {
  json: string;
  keys: readonly string[];
  /** Span events the content was read from; they are left out of metadata.events. */
  events?: readonly string[];
}

/** A value put under its own top-level metadata key (`tools`, `experiment`, `exception`), with the keys it consumed. */
export interface Extra {
  value: unknown;
  keys: readonly string[];
}

/** An object lifted out of attributes (e.g. `langfuse.observation.metadata.*`), with the keys it consumed. */
export interface Lifted {
  value: Record<string, unknown>;
  keys: readonly string[];
}

/** Every field a convention may supply, with the type it supplies it in. */
export interface FieldValues {
  name: string;
  level: ObservationLevel;
  statusMessage: string;
  version: string;
  release: string;
  /** Raw; the core normalises it. */
  environment: string;
  model: string;
  /** JSON object text. */
  modelParameters: string;
  /** Token counts; the core adds `total` when missing. */
  usage: Record<string, number>;
  cost: Record<string, number>;
  /** DateTime64 text. */
  completionStartTime: string;
  promptName: string;
  promptVersion: number;
  input: Content;
  output: Content;
  /** Keys merged into the top level of the observation metadata. */
  metadata: Lifted;
  /** Makes the span a trace root even when it has a parent. */
  asRoot: boolean;
  traceName: string;
  userId: string;
  sessionId: string;
  tags: string[];
  public: boolean;
  traceInput: Content;
  traceOutput: Content;
  traceMetadata: Lifted;
  /** Tool definitions offered to the model → metadata.tools. */
  tools: Extra;
  /** Langfuse experiment / dataset-run linkage → metadata.experiment. */
  experiment: Extra;
  /** Type, message and stack of a recorded exception → metadata.exception. */
  exception: Extra;
  /** The span is not an observation and is skipped, not rejected (e.g. Logfire pending spans). */
  drop: boolean;
}

export type FieldName = keyof FieldValues;

export type FieldResolvers = {
  [K in FieldName]?: (span: SpanView) => FieldValues[K] | undefined;
};

/**
 * One telemetry convention (Langfuse SDK attributes, OTel GenAI semconv, OpenInference, …). The core
 * tries conventions in priority order, for the type and for each field separately: the first defined
 * answer wins. A convention answers only for what its own attributes say and returns undefined otherwise.
 */
export interface Convention {
  name: string;
  /** Lower runs first. */
  priority: number;
  /** Gate checked once per span; when false the convention is skipped for that span. */
  matches?: (span: SpanView) => boolean;
  type?: (span: SpanView) => ObservationType | undefined;
  fields: FieldResolvers;
}
