import { batchKey, encodeBatch, type BatchCodec, type BatchQueue, type BlobStore, type Logger } from '@spanlight/collector';
import { ApiError } from '../errors.js';
import type { IngestionEvent } from './schemas.js';

export interface BufferDeps {
  blobs: BlobStore;
  queue: BatchQueue;
  codec: BatchCodec;
  logger: Logger;
}

/**
 * Writes a request's accepted events as one `ingestion-events` batch into the durable buffer the
 * OTLP receivers use (object first, then its job). Resolves only once both are durable, so a 201 is
 * never given for an event that could still be lost.
 */
export async function bufferEvents(projectId: string, events: readonly IngestionEvent[], deps: BufferDeps): Promise<void> {
  if (events.length === 0) return;
  const receivedAt = Date.now();
  const key = batchKey(projectId, receivedAt);
  const body = encodeBatch(
    { v: 1, kind: 'ingestion-events', projectId, receivedAt, rowCount: events.length },
    events,
    deps.codec,
  );
  try {
    await deps.blobs.put(key, body);
    await deps.queue.enqueue(key);
  } catch (err) {
    deps.logger.error('buffer write failed', { key, error: err instanceof Error ? err.name : 'unknown' });
    throw new ApiError('unavailable', 'Storage is unavailable, retry later');
  }
}
