import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from './config.js';

/**
 * `producer` connections serve HTTP requests: they must fail fast while Redis is down (no offline queue,
 * a command timeout) so the API answers 503 instead of hanging. `worker` connections are used by BullMQ
 * workers, which block on Redis and must retry forever (`maxRetriesPerRequest: null` is required).
 */
export type ConnectionKind = 'producer' | 'worker';

export function redisOptions(kind: ConnectionKind): RedisOptions {
  const common: RedisOptions = {
    connectionName: `operations-controller:${kind}`,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  };
  if (kind === 'producer') {
    return {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      connectTimeout: 1000,
    };
  }
  return { ...common, maxRetriesPerRequest: null, enableReadyCheck: true };
}

export function createRedisConnection(config: Pick<Config, 'redisUrl'>, kind: ConnectionKind): Redis {
  return new Redis(config.redisUrl, { ...redisOptions(kind), lazyConnect: false });
}
