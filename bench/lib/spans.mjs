// One synthetic GenAI agent trace: an `invoke_agent` root over chat generations, tool calls and
// plain spans, emitted through the real OTel SDK with explicit timestamps.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { inputMessages, messageSize, outputMessages, prose } from './text.mjs';

const PROVIDERS = [
  { provider: 'openai', models: [['gpt-4o-mini', 'gpt-4o-mini-2024-07-18'], ['gpt-4.1', 'gpt-4.1-2025-04-14']], host: 'api.openai.com' },
  { provider: 'anthropic', models: [['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'], ['claude-haiku-4-5', 'claude-haiku-4-5-20251001']], host: 'api.anthropic.com' },
  { provider: 'gcp.vertex_ai', models: [['gemini-2.5-flash', 'gemini-2.5-flash-001']], host: 'us-central1-aiplatform.googleapis.com' },
];
const AGENTS = ['support-agent', 'research-agent', 'sql-analyst', 'travel-planner'];
const TOOLS = ['web_search', 'get_weather', 'lookup_order', 'calculator', 'sql_query', 'read_file', 'send_email', 'fetch_url'];
const PLAIN = ['retrieve_documents', 'rerank_results', 'format_prompt', 'parse_response', 'cache.lookup', 'vector_search', 'guardrail.check', 'embed_query', 'GET /api/catalog', 'db.query'];
const PLAIN_ATTRS = [
  (r) => ['app.step', r.int(1, 20)],
  (r) => ['app.attempt', r.int(1, 3)],
  (r) => ['app.cache.hit', r.chance(0.4)],
  (r) => ['db.system.name', r.pick(['postgresql', 'redis', 'qdrant'])],
  (r) => ['db.operation.name', r.pick(['SELECT', 'GET', 'search'])],
  (r) => ['http.request.method', r.pick(['GET', 'POST'])],
  (r) => ['http.response.status_code', r.pick([200, 200, 200, 404, 500])],
  (r) => ['url.path', `/v1/items/${r.int(1, 99_999)}`],
  (r) => ['server.address', r.pick(['catalog.internal', 'search.internal', 'kv.internal'])],
  (r) => ['retrieval.top_k', r.int(3, 50)],
  (r) => ['retrieval.score.max', Math.round(r.next() * 1e4) / 1e4],
  (r) => ['app.tags', [r.pick(['beta', 'prod', 'eu']), r.pick(['fast', 'slow'])]],
  (r) => ['code.function.name', r.pick(['handle', 'run_step', 'fetch_context', 'score'])],
  (r) => ['thread.id', r.int(1, 64)],
  (r) => ['app.user.tier', r.pick(['free', 'pro', 'enterprise'])],
  (r) => ['app.region', r.pick(['eu-west-1', 'us-east-1', 'ap-south-1'])],
  (r) => ['app.request.bytes', r.int(100, 100_000)],
  (r) => ['app.latency_budget_ms', r.int(50, 5_000)],
  (r) => ['app.feature.rerank', r.chance(0.5)],
  (r) => ['app.note', prose(r, r.int(10, 60))],
  (r) => ['app.shard', r.int(0, 15)],
  (r) => ['app.batch.size', r.int(1, 256)],
];

/** Shape of a trace: node 0 is the root; each other node is chat / tool / plain under an earlier node. */
function planTrace(random) {
  const size = random.int(6, 14);
  const nodes = [{ kind: 'agent', parent: -1, children: [] }];
  for (let i = 1; i < size; i++) {
    const u = random.next();
    // 1/3 of the non-root spans are chat, so about 30% of all spans are generations.
    const kind = u < 1 / 3 ? 'chat' : u < 0.63 ? 'tool' : 'plain';
    const plains = nodes.map((n, j) => (n.kind === 'plain' ? j : -1)).filter((j) => j >= 0);
    const parent = plains.length > 0 && random.chance(0.4) ? random.pick(plains) : 0;
    nodes.push({ kind, parent, children: [] });
    nodes[parent].children.push(i);
  }
  return nodes;
}

function ownDurationMs(random, kind) {
  if (kind === 'chat') return random.int(300, 4_000);
  if (kind === 'tool') return random.int(20, 800);
  return random.int(1, 200);
}

function chatAttributes(random, agent, spec) {
  const [requestModel, responseModel] = random.pick(spec.models);
  const inSize = messageSize(random);
  const outSize = messageSize(random);
  const finish = random.chance(0.8) ? 'stop' : 'tool_calls';
  return {
    name: `chat ${requestModel}`,
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': spec.provider,
      'gen_ai.request.model': requestModel,
      'gen_ai.response.model': responseModel,
      'gen_ai.request.temperature': random.pick([0, 0.2, 0.7, 1]),
      'gen_ai.request.max_tokens': random.pick([512, 1024, 4096]),
      'gen_ai.response.id': `resp_${random.int(1e9, 9e9)}`,
      'gen_ai.response.finish_reasons': [finish],
      'gen_ai.usage.input_tokens': Math.round(inSize / 4) + random.int(0, 50),
      'gen_ai.usage.output_tokens': Math.round(outSize / 4) + random.int(0, 50),
      'gen_ai.input.messages': inputMessages(random, inSize, agent.systemPrompt, random.pick(TOOLS)),
      'gen_ai.output.messages': outputMessages(random, outSize, finish),
      'server.address': spec.host,
    },
  };
}

function toolAttributes(random) {
  const tool = random.pick(TOOLS);
  return {
    name: `execute_tool ${tool}`,
    kind: SpanKind.INTERNAL,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': tool,
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.id': `call_${random.int(1e8, 9e8)}`,
      'gen_ai.tool.call.arguments': JSON.stringify({ query: prose(random, random.int(20, 120)) }),
      'gen_ai.tool.call.result': JSON.stringify({ result: prose(random, random.int(50, 400)) }),
    },
  };
}

function plainAttributes(random) {
  const count = random.int(10, 20);
  const attributes = {};
  let distinct = 0;
  for (let i = 0; distinct < count && i < 200; i++) {
    const [key, value] = random.pick(PLAIN_ATTRS)(random);
    if (!(key in attributes)) distinct += 1;
    attributes[key] = value;
  }
  return { name: random.pick(PLAIN), kind: SpanKind.INTERNAL, attributes };
}

/** Agents with a fixed system prompt each (real agents repeat theirs on every call). */
export function createAgents(random) {
  return AGENTS.map((name, i) => ({ name, id: `agent_${i + 1}`, systemPrompt: prose(random, random.int(800, 2_500)) }));
}

/**
 * Emits one trace starting at `startMs` through `tracer`; returns its span count and how many of
 * them are chat / tool spans (for the corpus summary).
 */
export function emitTrace(tracer, random, agents, startMs, traceIndex) {
  const nodes = planTrace(random);
  const agent = random.pick(agents);
  const spec = random.pick(PROVIDERS);
  const counts = { spans: nodes.length, chat: 0, tool: 0 };
  const emit = (index, parentSpan, startAt) => {
    const node = nodes[index];
    let shape;
    if (node.kind === 'agent') {
      shape = {
        name: `invoke_agent ${agent.name}`,
        kind: SpanKind.INTERNAL,
        attributes: {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.provider.name': spec.provider,
          'gen_ai.agent.name': agent.name,
          'gen_ai.agent.id': agent.id,
          'gen_ai.conversation.id': `conv_${Math.floor(traceIndex / 4)}`,
          'session.id': `session_${Math.floor(traceIndex / 4)}`,
          'user.id': `user_${random.int(1, 500)}`,
        },
      };
    } else if (node.kind === 'chat') {
      shape = chatAttributes(random, agent, spec);
      counts.chat += 1;
    } else if (node.kind === 'tool') {
      shape = toolAttributes(random);
      counts.tool += 1;
    } else {
      shape = plainAttributes(random);
    }
    const ctx = parentSpan ? trace.setSpan(ROOT_CONTEXT, parentSpan) : ROOT_CONTEXT;
    const span = tracer.startSpan(shape.name, { kind: shape.kind, attributes: shape.attributes, startTime: startAt }, ctx);
    let cursor = startAt + random.int(0, 5);
    for (const child of node.children) cursor = emit(child, span, cursor) + random.int(0, 10);
    const end = Math.max(cursor, startAt + ownDurationMs(random, node.kind));
    if (node.kind === 'tool' && random.chance(0.03)) {
      span.setAttribute('error.type', 'timeout');
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'tool call timed out' });
    }
    span.end(end);
    return end;
  };
  emit(0, undefined, startMs);
  return counts;
}
