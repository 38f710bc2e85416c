import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import Router from '@koa/router';
import Koa from 'koa';
import type { ApiKeyVerifier } from '../auth/types.js';
import type { OtlpReceiverConfig } from './config.js';
import { type ExportDeps, InflightLimiter } from './internal/export.js';
import { addOtlpService } from './internal/grpc.js';
import { otlpHttpHandler } from './internal/http.js';
import { LOGS, METRICS, TRACES } from './internal/signals.js';

export interface OtlpReceiverDeps extends ExportDeps {
  keys: ApiKeyVerifier;
}

/** The OTLP receiver (traces, logs, metrics): gRPC and HTTP servers sharing one in-flight limit. */
export class OtlpReceiver {
  private readonly limiter: InflightLimiter;
  private grpcServer?: grpc.Server;
  private httpServer?: HttpServer;
  private ports = { grpc: 0, http: 0 };

  constructor(
    private readonly config: OtlpReceiverConfig,
    private readonly deps: OtlpReceiverDeps,
  ) {
    this.limiter = new InflightLimiter(config.maxInflight);
  }

  get grpcPort(): number {
    return this.ports.grpc;
  }

  get httpPort(): number {
    return this.ports.http;
  }

  /** Routes for another Koa app (the API port serves `POST /api/public/otel/v1/{traces,logs,metrics}` too). */
  routes(prefix = ''): Router {
    const deps = { ...this.deps, limiter: this.limiter, maxBodyBytes: this.config.maxBodyBytes };
    return new Router()
      .post(`${prefix}${TRACES.path}`, otlpHttpHandler(TRACES, deps))
      .post(`${prefix}${LOGS.path}`, otlpHttpHandler(LOGS, deps))
      .post(`${prefix}${METRICS.path}`, otlpHttpHandler(METRICS, deps));
  }

  async start(): Promise<void> {
    const { host, maxBodyBytes } = this.config;
    this.grpcServer = new grpc.Server({
      'grpc.max_receive_message_length': maxBodyBytes,
      'grpc.max_send_message_length': 4 * 1024 * 1024,
    });
    const deps = { ...this.deps, limiter: this.limiter };
    addOtlpService(this.grpcServer, TRACES, deps);
    addOtlpService(this.grpcServer, LOGS, deps);
    addOtlpService(this.grpcServer, METRICS, deps);
    this.ports.grpc = await new Promise<number>((resolve, reject) => {
      this.grpcServer!.bindAsync(`${host}:${this.config.grpcPort}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      );
    });

    const app = new Koa();
    app.use(this.routes().routes());
    this.httpServer = app.listen(this.config.httpPort, host);
    await once(this.httpServer, 'listening');
    this.ports.http = (this.httpServer.address() as AddressInfo).port;
  }

  /** Stops taking requests and lets in-flight ones finish (each is acknowledged only once durable). */
  async shutdown(): Promise<void> {
    const grpcServer = this.grpcServer;
    const httpServer = this.httpServer;
    await Promise.all([
      grpcServer && new Promise<void>((resolve) => grpcServer.tryShutdown(() => resolve())),
      httpServer && new Promise<void>((resolve) => httpServer.close(() => resolve())),
    ]);
  }
}
