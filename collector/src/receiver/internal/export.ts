import type { AuthenticatedProject } from '../../auth/types.js';
import { encodeBatch, type BatchCodec, type BatchKind } from '../../batch/index.js';
import { batchKey } from '../../buffer/index.js';
import type { BatchQueue, BlobStore } from '../../buffer/types.js';
import { applyCosts, type ModelPrices } from '../../cost/index.js';
import { CollectorError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { mapTraceRequest } from '../../mapping/index.js';
import type { ExportTracePartialSuccess, ExportTraceServiceRequest } from '../../otlp/types.js';

export interface ExportDeps {
  blobs: BlobStore;
  queue: BatchQueue;
  codec: BatchCodec;
  logger: Logger;
  /** Model definitions; when given, model calls get their cost (and matched model id) at ingest. */
  prices?: ModelPrices;
}

/**
 * The write path for one accepted request: map → one batch object → durable store → enqueue.
 * Resolves (and the client is acknowledged) only after both the object and its job are durable.
 */
export async function exportTraces(
  request: ExportTraceServiceRequest,
  project: AuthenticatedProject,
  deps: ExportDeps,
): Promise<ExportTracePartialSuccess | undefined> {
  const receivedAt = Date.now();
  const mapped = mapTraceRequest(request, { projectId: project.projectId, receivedAt });
  if (deps.prices) applyCosts(mapped.rows, deps.prices);
  await storeBatch('observations', mapped.rows, project, receivedAt, deps);
  if (mapped.rejectedSpans === 0) return undefined;
  return { rejectedSpans: mapped.rejectedSpans, errorMessage: mapped.errorMessage };
}

/** One batch object of `rows` → durable store → enqueue; nothing when there are no rows. */
export async function storeBatch(
  kind: BatchKind,
  rows: readonly object[],
  project: AuthenticatedProject,
  receivedAt: number,
  deps: ExportDeps,
): Promise<void> {
  if (rows.length === 0) return;
  const key = batchKey(project.projectId, receivedAt);
  const body = encodeBatch({ v: 1, kind, projectId: project.projectId, receivedAt, rowCount: rows.length }, rows, deps.codec);
  try {
    await deps.blobs.put(key, body);
    await deps.queue.enqueue(key);
  } catch (err) {
    deps.logger.error('buffer write failed', { key, err });
    throw new CollectorError('unavailable', 'storage is unavailable, retry later', { cause: err });
  }
}

/** Bounds concurrent exports; past the limit a request is refused at once (the client retries). */
export class InflightLimiter {
  private inflight = 0;
  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inflight >= this.max) {
      throw new CollectorError('resource_exhausted', 'too many export requests in flight, retry later');
    }
    this.inflight++;
    try {
      return await task();
    } finally {
      this.inflight--;
    }
  }
}
