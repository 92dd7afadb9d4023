import { Cluster, Redis, type RedisOptions } from 'ioredis';
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

/** A single Redis or a Redis Cluster: the store and BullMQ use only commands both offer. */
export type RedisClient = Redis | Cluster;

export function createRedisConnection(
  config: Pick<Config, 'redisUrl' | 'redisCluster'>,
  kind: ConnectionKind,
): RedisClient {
  if (!config.redisCluster) return new Redis(config.redisUrl, { ...redisOptions(kind), lazyConnect: false });
  // REDIS_URL names one seed node; the cluster client discovers the others and follows redirections.
  const url = new URL(config.redisUrl);
  const { enableOfflineQueue, ...nodeOptions } = redisOptions(kind);
  return new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    enableOfflineQueue: enableOfflineQueue ?? true,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    redisOptions: {
      ...nodeOptions,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
}

/** True for the errors ioredis raises while Redis cannot be reached (fail-fast producer connection). */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE')
    return true;
  if (err.name === 'ClusterAllFailedError') return true;
  return /Stream isn't writeable|Connection is closed|Command timed out|connect ETIMEDOUT|Redis is unavailable|Cluster isn't ready|Failed to refresh slots cache/i.test(
    err.message,
  );
}

/** Resolves once the connection is ready, or rejects after `timeoutMs` (start-up of fail-fast connections). */
export async function waitForReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
