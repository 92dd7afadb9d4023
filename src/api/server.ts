import { systemClock } from '../clock.js';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createMetrics, registerQueueMetrics } from '../metrics/metrics.js';
import { OperationStore } from '../operations/operation-store.js';
import { createOperationsQueue } from '../queues/operations-queue.js';
import { createRedisConnection } from '../redis.js';
import { installShutdown } from '../shutdown.js';
import { buildApp } from './app.js';

/** Composition root of the intake API: builds every dependency once and hands it down. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, 'api');
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config);
  if (config.api.authDisabled) {
    logger.warn(
      'AUTH_DISABLED=true: the intake API accepts requests WITHOUT credentials; never do this in production',
    );
  }
  const redis = createRedisConnection(config, 'producer');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const queue = createOperationsQueue(redis, config.queuePrefix);
  queue.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));
  const store = new OperationStore(redis, config.queuePrefix, config.operationRetentionDays, systemClock);
  const metrics = createMetrics();
  registerQueueMetrics(metrics, queue);
  const app = await buildApp({ config, logger, redis, queue, store, metrics });

  installShutdown(
    logger,
    [
      { name: 'redis', close: () => redis.quit().catch(() => redis.disconnect()) },
      { name: 'queue', close: () => queue.close() },
      // Fastify's close stops accepting, then waits for in-flight requests.
      { name: 'http', close: () => app.close() },
    ],
    { timeoutSeconds: config.shutdownTimeoutSeconds },
  );
  await app.listen({ host: config.api.host, port: config.api.port });
}

main().catch((err: unknown) => {
  console.error('operations-controller api failed to start:', err);
  process.exit(1);
});
