/**
 * The convention registry, in priority order (lower first). For the observation type and for every
 * field separately, the first convention that returns a defined value wins:
 *
 *  10 langfuse       `langfuse.*`: explicit instructions from Langfuse SDKs or users, so they beat
 *                    anything inferred from other conventions.
 *  20 openinference  `openinference.span.kind` is a deliberate declaration of the span's role.
 *  30 genai-semconv  OTel GenAI (`gen_ai.operation.name`, `gen_ai.*`), also emitted by many
 *                    frameworks alongside their own keys.
 *  40 vercel-ai      `ai.*` spans (scope `ai`); its model spans also carry `gen_ai.*`, read first above.
 * 100 fallback       general OTel (status, exception events, deployment environment, service version)
 *                    and "a model key is present → GENERATION".
 *
 * Nothing matched: type SPAN, and the attributes are still kept in metadata. This is the order of
 * Langfuse's ObservationTypeMapper (langfuse-ingestion.md §2.2). A new convention is one module
 * exporting a `Convention`, added to this list.
 */
import { fallback } from './fallback.js';
import { genaiSemconv } from './genai-semconv.js';
import { langfuse } from './langfuse.js';
import { openinference } from './openinference.js';
import type { Convention } from './types.js';
import { vercelAi } from './vercel-ai.js';

export const CONVENTIONS: readonly Convention[] = [langfuse, openinference, genaiSemconv, vercelAi, fallback].sort(
  (a, b) => a.priority - b.priority,
);

export type { Content, Convention, FieldName, FieldResolvers, FieldValues, Lifted } from './types.js';
