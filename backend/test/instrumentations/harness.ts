import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { apiGet, basicAuthHeader, eventually } from '../helpers/spanlight.js';

export const PROMPT_TEXT = 'Name a colour of the sky on a clear day.';
export const COMPLETION_TEXT = 'The sky is blue, thanks to Rayleigh scattering.';
export const FAKE_MODEL = 'gpt-4o-mini-2024-07-18';
export const FAKE_USAGE = { prompt_tokens: 17, completion_tokens: 9, total_tokens: 26 };

export interface FakeOpenAi {
  baseURL: string;
  requests: unknown[];
  close(): Promise<void>;
}

/** A local stand-in for api.openai.com: every POST /v1/chat/completions gets one fixed completion. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: unknown[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      requests.push(JSON.parse(raw));
      const body = {
        id: 'chatcmpl-fake-1',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: FAKE_MODEL,
        choices: [{ index: 0, message: { role: 'assistant', content: COMPLETION_TEXT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: FAKE_USAGE,
        system_fingerprint: 'fp_fake',
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Parent/child spans need a real context manager; registered once per test file (one process each). */
export function enableAsyncContext(): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

/** A tracer provider exporting each span at once over OTLP HTTP/protobuf to the test instance. */
export function otlpProtoProvider(otlpHttpUrl: string): BasicTracerProvider {
  const exporter = new OTLPTraceExporter({ url: `${otlpHttpUrl}/v1/traces`, headers: { authorization: basicAuthHeader() } });
  return new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
}

/** Waits until the trace is readable with at least `observations` observations; returns the trace body. */
export async function readTrace(apiUrl: string, traceId: string, observations = 1): Promise<any> {
  return eventually(async () => {
    const { status, body } = await apiGet(apiUrl, `/api/public/traces/${traceId}`);
    return status === 200 && body.observations.length >= observations ? body : undefined;
  });
}

/** Ids of the traces matching a list filter (e.g. `sessionId=s1`), once at least one is listed. */
export async function listTraceIds(apiUrl: string, query: string): Promise<string[]> {
  return eventually(async () => {
    const { status, body } = await apiGet(apiUrl, `/api/public/traces?${query}`);
    return status === 200 && body.data.length > 0 ? body.data.map((t: { id: string }) => t.id) : undefined;
  });
}
