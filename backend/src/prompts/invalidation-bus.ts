import type { Logger } from '@spanlight/collector';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export const INVALIDATION_CHANNEL = 'spanlight:prompts:invalidate';

export interface InvalidationBus {
  publish(projectId: string): Promise<void>;
  /** True while subscribed, i.e. while no invalidation can be missed. */
  connected(): boolean;
  close(): Promise<void>;
}

export interface InvalidationHandlers {
  onInvalidate(projectId: string): void;
  /** The subscription was lost or restored: whatever is cached may be stale. */
  onReconnect(): void;
  logger?: Logger;
}

/** Redis pub/sub between API replicas: one connection publishes, one stays subscribed. */
export async function createRedisInvalidationBus(url: string, handlers: InvalidationHandlers): Promise<InvalidationBus> {
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: true });
  let subscribed = false;
  let everSubscribed = false;
  const onError = (err: Error) => handlers.logger?.warn('prompt cache redis error', { error: err.message });
  publisher.on('error', onError);
  subscriber.on('error', onError);
  // Messages are `<sender id> <project id>`; a replica already dropped its own entries before publishing.
  const self = randomUUID();
  subscriber.on('message', (channel: string, message: string) => {
    const space = message.indexOf(' ');
    if (channel !== INVALIDATION_CHANNEL || space < 0 || message.slice(0, space) === self) return;
    handlers.onInvalidate(message.slice(space + 1));
  });
  // While disconnected, invalidations can be missed: store nothing and forget what is cached, then
  // again once re-subscribed (a SUBSCRIBE resolving means the auto-resubscribe before it is done too).
  subscriber.on('close', () => {
    if (!subscribed) return;
    subscribed = false;
    handlers.onReconnect();
  });
  subscriber.on('ready', () => {
    if (!everSubscribed) return;
    subscriber.subscribe(INVALIDATION_CHANNEL).then(
      () => {
        handlers.onReconnect();
        subscribed = true;
      },
      onError,
    );
  });

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(INVALIDATION_CHANNEL);
  } catch (err) {
    publisher.disconnect();
    subscriber.disconnect();
    throw err;
  }
  everSubscribed = true;
  subscribed = true;

  return {
    publish: async (projectId) => {
      await publisher.publish(INVALIDATION_CHANNEL, `${self} ${projectId}`);
    },
    connected: () => subscribed,
    close: async () => {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
