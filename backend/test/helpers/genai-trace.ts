import { SpanStatusCode, trace, context, type Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

export const INPUT_MESSAGES = [{ role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] }];
export const OUTPUT_MESSAGES = [
  { role: 'assistant', parts: [{ type: 'text', content: 'Sunny, 21°C.' }], finish_reason: 'stop' },
];

/**
 * Sends one nested GenAI trace through a real OTel SDK exporter: root → agent → LLM generation
 * (model, usage, messages) and a failing tool span. Returns the trace id.
 */
export async function sendGenAiTrace(exporter: SpanExporter, runId: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'weather-app', 'service.version': '1.2.3' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer: Tracer = provider.getTracer('spanlight-e2e', '0.0.1');
  let traceId = '';
  const root = tracer.startSpan(`request ${runId}`, {
    attributes: { 'user.id': 'user-42', 'session.id': `session-${runId}`, 'langfuse.trace.tags': ['e2e', runId] },
  });
  traceId = root.spanContext().traceId;
  const rootCtx = trace.setSpan(context.active(), root);
  const agent = tracer.startSpan('invoke_agent weather', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather' } }, rootCtx);
  const agentCtx = trace.setSpan(rootCtx, agent);
  const llm = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.request.temperature': 0.2,
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 5,
        'gen_ai.input.messages': JSON.stringify(INPUT_MESSAGES),
        'gen_ai.output.messages': JSON.stringify(OUTPUT_MESSAGES),
      },
    },
    agentCtx,
  );
  llm.end();
  const tool = tracer.startSpan('execute_tool get_weather', { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather' } }, agentCtx);
  tool.setStatus({ code: SpanStatusCode.ERROR, message: 'weather service timed out' });
  tool.end();
  agent.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return traceId;
}
