// The corpus: seeded traces, serialized up front into ExportTraceServiceRequest protobuf batches.
// Sending the corpus more than once must not resend the same ids (Spanlight would deduplicate them
// and the queryable count would stall), so every id carries a "round" field that is rewritten in
// place in the serialized bytes: trace id = MAGIC(4) round(4) trace#(4) random(4), span id =
// E5 A9 round(2) span#(4). Ids are fixed-length protobuf bytes fields, so patching keeps the
// message valid.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { createRandom } from './text.mjs';
import { createAgents, emitTrace } from './spans.mjs';

const TRACE_MAGIC = Buffer.from([0xb3, 0x9e, 0xd1, 0xf7]);
const SPAN_MAGIC = Buffer.from([0xe5, 0xa9]);
export const MAX_ROUND = 0xffff;
const BASE_TIME_MS = Date.UTC(2025, 5, 2, 8, 0, 0);

const hex = (n, bytes) => n.toString(16).padStart(bytes * 2, '0');

function createIdGenerator(random) {
  let traces = 0;
  let spans = 0;
  return {
    generateTraceId: () => `b39ed1f7${hex(0, 4)}${hex(traces++, 4)}${hex(random.int(1, 0xffffffff), 4)}`,
    generateSpanId: () => `e5a9${hex(0, 2)}${hex(spans++, 4)}`,
  };
}

/**
 * Offsets of the id bytes inside the serialized request: Span.trace_id is field 1 (tag 0x0a,
 * length 16), span_id field 2 (0x12) and parent_span_id field 4 (0x22), both length 8.
 */
function findIdOffsets(bytes) {
  const traceIds = [];
  const spanIds = [];
  for (let i = bytes.indexOf(TRACE_MAGIC); i >= 0; i = bytes.indexOf(TRACE_MAGIC, i + 1)) {
    if (i >= 2 && bytes[i - 2] === 0x0a && bytes[i - 1] === 0x10 && i + 16 <= bytes.length) traceIds.push(i);
  }
  for (let i = bytes.indexOf(SPAN_MAGIC); i >= 0; i = bytes.indexOf(SPAN_MAGIC, i + 1)) {
    const tag = bytes[i - 2];
    if (i >= 2 && (tag === 0x12 || tag === 0x22) && bytes[i - 1] === 0x08 && i + 8 <= bytes.length) spanIds.push(i);
  }
  return { traceIds: Uint32Array.from(traceIds), spanIds: Uint32Array.from(spanIds) };
}

function serializeBatch(spans) {
  const u8 = ProtobufTraceSerializer.serializeRequest(spans);
  const bytes = Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
  const offsets = findIdOffsets(bytes);
  const withParent = spans.filter((s) => s.parentSpanContext?.spanId).length;
  if (offsets.traceIds.length !== spans.length || offsets.spanIds.length !== spans.length + withParent) {
    throw new Error(
      `corpus: id scan found ${offsets.traceIds.length}/${offsets.spanIds.length} ids, expected ${spans.length}/${spans.length + withParent}`,
    );
  }
  return { bytes, spans: spans.length, ...offsets, firstTraceId: spans[0].spanContext().traceId };
}

/**
 * Generates `batches` batches of `batchSize` spans from `seed`. Deterministic: the same arguments
 * give byte-identical batches.
 */
export function buildCorpus({ seed, batches, batchSize }) {
  const random = createRandom(seed);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'bench-agent',
      'service.version': '1.4.2',
      'deployment.environment.name': 'bench',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.name': 'opentelemetry',
    }),
    idGenerator: createIdGenerator(random),
    spanLimits: { attributeValueLengthLimit: 1_000_000, attributeCountLimit: 128 },
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('bench.genai', '1.0.0');
  const agents = createAgents(random);
  const out = [];
  const summary = { spans: 0, chat: 0, tool: 0, traces: 0, bytes: 0, maxBatchBytes: 0 };
  let pending = [];
  let clock = BASE_TIME_MS;
  while (out.length < batches) {
    const counts = emitTrace(tracer, random, agents, clock, summary.traces);
    summary.traces += 1;
    summary.chat += counts.chat;
    summary.tool += counts.tool;
    clock += random.int(50, 400);
    pending.push(...exporter.getFinishedSpans());
    exporter.reset();
    while (pending.length >= batchSize && out.length < batches) {
      const batch = serializeBatch(pending.slice(0, batchSize));
      pending = pending.slice(batchSize);
      out.push(batch);
      summary.spans += batch.spans;
      summary.bytes += batch.bytes.length;
      summary.maxBatchBytes = Math.max(summary.maxBatchBytes, batch.bytes.length);
    }
  }
  return { batches: out, summary };
}

/** Bytes of batch `index % batches` with every id moved to round `floor(index / batches)`. */
export function batchBytes(corpus, index) {
  const batch = corpus.batches[index % corpus.batches.length];
  const round = Math.floor(index / corpus.batches.length);
  if (round > MAX_ROUND) throw new Error(`corpus: send #${index} exceeds ${MAX_ROUND} rounds of ids`);
  if (round === 0) return { bytes: batch.bytes, spans: batch.spans };
  const bytes = Buffer.allocUnsafe(batch.bytes.length);
  batch.bytes.copy(bytes);
  for (const at of batch.traceIds) bytes.writeUInt32BE(round, at + 4);
  for (const at of batch.spanIds) bytes.writeUInt16BE(round, at + 2);
  return { bytes, spans: batch.spans };
}

/** Trace id (hex) of the first span of send #index, for spot-checking the read API. */
export function firstTraceIdOf(corpus, index) {
  const batch = corpus.batches[index % corpus.batches.length];
  const round = Math.floor(index / corpus.batches.length);
  return batch.firstTraceId.slice(0, 8) + hex(round, 4) + batch.firstTraceId.slice(16);
}
