import { randomUUID } from 'node:crypto';
import { type App, buildApp } from '../../src/api/app.js';
import { systemClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics, type Metrics, registerQueueMetrics } from '../../src/metrics/metrics.js';
import { OperationStore } from '../../src/operations/operation-store.js';
import { createOperationsQueue, type OperationsQueue } from '../../src/queues/operations-queue.js';
import { createRedisConnection, type RedisClient, waitForReady } from '../../src/redis.js';

/** Where a test collects a process's log lines (a pino destination). */
export interface LogSink {
  write(line: string): void;
}

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface ApiHarness {
  app: App;
  config: Config;
  redis: RedisClient;
  queue: OperationsQueue;
  store: OperationStore;
  metrics: Metrics;
  prefix: string;
  close(): Promise<void>;
}

/**
 * The real app over a real Redis, isolated by a unique queue prefix. `env` overrides any setting, e.g.
 * BOARD_USERNAME/BOARD_PASSWORD (and BOARD_READ_ONLY) to mount the board.
 */
export async function startApi(
  redisUrl: string,
  env: Record<string, string> = {},
  logSink?: LogSink,
): Promise<ApiHarness> {
  const config = loadConfig(
    {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `t${randomUUID().slice(0, 8)}`,
      API_TOKENS: TEST_TOKEN,
      LOG_LEVEL: 'silent',
      ...env,
    },
    'api',
  );
  const prefix = config.queuePrefix;
  const logger = createLogger(config, logSink);
  const redis = createRedisConnection(config, 'producer');
  redis.on('error', () => {});
  await waitForReady(redis, 5000);
  const queue = createOperationsQueue(redis, prefix);
  queue.on('error', () => {});
  const store = new OperationStore(redis, prefix, config.operationRetentionDays, systemClock);
  const metrics = createMetrics();
  registerQueueMetrics(metrics, queue);
  const app = await buildApp({ config, logger, redis, queue, store, metrics });
  await app.ready();
  return {
    app,
    config,
    redis,
    queue,
    store,
    metrics,
    prefix,
    async close() {
      await app.close();
      await queue.close().catch(() => {});
      redis.disconnect();
    },
  };
}

export function operationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const applicationId = (overrides.resource_id as string | undefined) ?? randomUUID();
  return {
    operation_type: 'Delete',
    operation_category: 'unregisterApplication',
    resource_type: 'application',
    resource_id: applicationId,
    correlation_id: 'corr-1',
    webhook_ids: ['wh-1'],
    request_object: JSON.stringify({
      Application: { id: applicationId, name: 'app-one', status: { condition: 'INITIAL', timestamp: null } },
      TenantID: 'tenant-1',
      Headers: { Client_user: 'alice' },
    }),
    ...overrides,
  };
}

export const auth = { authorization: `Bearer ${TEST_TOKEN}` };
