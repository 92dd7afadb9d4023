import { readFileSync } from 'node:fs';
import type { Worker } from 'bullmq';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { createDirectorClient } from '../director/director-client.js';
import { createTokenProvider } from '../director/token-provider.js';
import { createOutboundClient } from '../http/outbound-client.js';
import type { Logger } from '../logger.js';
import { createMetrics, type Metrics, registerQueueMetrics } from '../metrics/metrics.js';
import { OperationStore } from '../operations/operation-store.js';
import { createOperationsQueue, type OperationsQueue } from '../queues/operations-queue.js';
import { createRedisConnection, type RedisClient } from '../redis.js';
import type { Closer } from '../shutdown.js';
import { createWebhookClient } from '../webhooks/webhook-client.js';
import { startFailedJobSweeper } from './failed-jobs.js';
import { createOperationsWorker } from './operations-worker.js';
import type { StepContext } from './step-context.js';

const SWEEP_INTERVAL_MS = 15_000;

export interface WorkerRuntime {
  readonly worker: Worker;
  readonly queue: OperationsQueue;
  readonly store: OperationStore;
  readonly metrics: Metrics;
  /** A non-blocking connection, for readiness checks. */
  readonly redis: RedisClient;
  /** In start-up order; close in reverse. */
  readonly closers: Closer[];
}

/**
 * Builds everything a worker process runs, once, from the config: Redis connections, the operation
 * store, outbound clients (plain and mTLS), Director and webhook clients, metrics, the BullMQ worker
 * and the failed-job sweeper. Used by the process entry point and by tests, so both run the same wiring.
 */
export function createWorkerRuntime(config: Config, logger: Logger, clock: Clock): WorkerRuntime {
  const w = config.worker;
  // Worker-kind connections wait out Redis outages instead of failing commands (BullMQ requires it).
  const bullConnection = createRedisConnection(config, 'worker');
  const storeConnection = createRedisConnection(config, 'worker');
  for (const c of [bullConnection, storeConnection]) {
    c.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  }
  const store = new OperationStore(storeConnection, config.queuePrefix, config.operationRetentionDays, clock);
  const queue = createOperationsQueue(storeConnection, config.queuePrefix);
  queue.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));

  const ca = w.webhookCaFile ? readFileSync(w.webhookCaFile, 'utf8') : undefined;
  const httpOptions = { timeoutSeconds: w.httpTimeoutSeconds, maxResponseBytes: w.webhookResponseMaxBytes };
  const http = createOutboundClient({ ...httpOptions, ...(ca ? { tls: { ca } } : {}) });
  const mtlsHttp =
    w.webhookClientCertFile && w.webhookClientKeyFile
      ? createOutboundClient({
          ...httpOptions,
          tls: {
            cert: readFileSync(w.webhookClientCertFile, 'utf8'),
            key: readFileSync(w.webhookClientKeyFile, 'utf8'),
            ...(ca ? { ca } : {}),
          },
        })
      : null;
  const ctx: StepContext = {
    director: createDirectorClient({
      http,
      graphqlUrl: w.directorGraphqlUrl,
      operationUrl: w.directorOperationUrl,
      token: createTokenProvider({ token: w.directorToken, tokenFile: w.directorTokenFile }),
    }),
    webhooks: createWebhookClient({ http, mtlsHttp, clock }),
    clock,
    settings: {
      defaultTimeoutSeconds: w.webhookTimeoutSeconds,
      defaultPollIntervalSeconds: w.webhookPollIntervalSeconds,
      retryMaxBackoffSeconds: w.retryMaxBackoffSeconds,
      finalizeMaxBackoffSeconds: w.finalizeMaxBackoffSeconds,
    },
  };

  // Scrapes and readiness use a fail-fast connection: a worker connection would queue their commands
  // while Redis is down, and they would pile up behind the scrape timeout.
  const probeConnection = createRedisConnection(config, 'producer');
  probeConnection.on('error', () => {});
  const probeQueue = createOperationsQueue(probeConnection, config.queuePrefix);
  probeQueue.on('error', () => {});
  const metrics = createMetrics();
  registerQueueMetrics(metrics, probeQueue);
  const worker = createOperationsWorker(
    { store, ctx, logger, metrics, clock },
    {
      connection: bullConnection,
      prefix: config.queuePrefix,
      concurrency: w.concurrency,
      lockDurationMs: w.lockDurationSeconds * 1000,
      stalledIntervalMs: w.stalledIntervalSeconds * 1000,
      maxStalledCount: w.maxStalledCount,
    },
  );
  const stopSweeper = startFailedJobSweeper(queue, logger, SWEEP_INTERVAL_MS);

  const closers: Closer[] = [
    {
      name: 'redis',
      close: () =>
        Promise.all([bullConnection, storeConnection, probeConnection].map((c) => c.quit())).catch(() => {}),
    },
    {
      name: 'http',
      close: async () => {
        http.close();
        mtlsHttp?.close();
      },
    },
    { name: 'queue', close: () => Promise.all([queue.close(), probeQueue.close()]) },
    {
      // Closed first: stop taking jobs and let running steps finish.
      name: 'worker',
      close: async () => {
        stopSweeper();
        await worker.close();
      },
    },
  ];
  return { worker, queue, store, metrics, redis: probeConnection, closers };
}
