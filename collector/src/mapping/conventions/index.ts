/**
 * The convention registry, in priority order (lower first). For the observation type and for every
 * field separately, the first convention that returns a defined value wins:
 *
 *  10 langfuse       `langfuse.*`: explicit instructions from Langfuse SDKs or users, so they beat
 *                    anything inferred from other conventions.
 *  15 logfire        Logfire SDK hints (`logfire.*`); drops pending-span markers.
 *  20 openinference  `openinference.span.kind` is a deliberate declaration of the span's role.
 *  22 mlflow         `mlflow.*` (JSON-encoded values).
 *  25 langsmith      `langsmith.*`; before semconv, whose operation names it misuses.
 *  30 genai-semconv  OTel GenAI v1.26 → newest (`gen_ai.*` attributes and content events).
 *  35 traceloop      OpenLLMetry / Traceloop (`traceloop.*`, indexed `gen_ai.prompt.{i}.*`).
 *  40 vercel-ai      `ai.*` spans (scope `ai`); its model spans also carry `gen_ai.*`, read first above.
 *  45 adk            Google ADK (scope `gcp.vertex.agent`).
 *  50 pydantic-ai    pydantic-ai run and tool spans (scope `pydantic-ai`).
 *  55 strands        Strands Agents (scope `strands.telemetry.tracer`).
 *  60 livekit        LiveKit Agents (scope `livekit-agents`).
 *  65 openai-agents  OpenAI Agents SDK spans named by Logfire templates.
 * 100 fallback       general OTel (status, exception events, deployment environment, service version)
 *                    and "a model key is present → GENERATION".
 *
 * Nothing matched: type SPAN, and the attributes are still kept in metadata. docs/mapping.md has the
 * full table; a test checks that it names every attribute key used here. A new convention is one
 * module exporting a `Convention`, added to this list.
 */
import { adk } from './adk.js';
import { fallback } from './fallback.js';
import { genaiSemconv } from './genai-semconv.js';
import { langfuse } from './langfuse.js';
import { langsmith } from './langsmith.js';
import { livekit } from './livekit.js';
import { logfire } from './logfire.js';
import { mlflow } from './mlflow.js';
import { openaiAgents } from './openai-agents.js';
import { openinference } from './openinference.js';
import { pydanticAi } from './pydantic-ai.js';
import { strands } from './strands.js';
import { traceloop } from './traceloop.js';
import type { Convention } from './types.js';
import { vercelAi } from './vercel-ai.js';

export const CONVENTIONS: readonly Convention[] = [
  langfuse,
  logfire,
  openinference,
  mlflow,
  langsmith,
  genaiSemconv,
  traceloop,
  vercelAi,
  adk,
  pydanticAi,
  strands,
  livekit,
  openaiAgents,
  fallback,
].sort((a, b) => a.priority - b.priority);

export type { Content, Convention, Extra, FieldName, FieldResolvers, FieldValues, Lifted } from './types.js';
