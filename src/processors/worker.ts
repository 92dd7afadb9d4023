import { systemClock } from '../clock.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startMetricsServer } from '../metrics/metrics-server.js';
import { installShutdown } from '../shutdown.js';
import { createWorkerRuntime } from './worker-runtime.js';

function readConfig(): Config {
  try {
    return loadConfig(process.env, 'worker');
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Composition root of a worker process (the Procfile's `worker`). */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config);
  const runtime = createWorkerRuntime(config, logger, systemClock);
  const metricsServer = await startMetricsServer({
    host: config.worker.metricsHost,
    port: config.worker.metricsPort,
    metrics: runtime.metrics,
    redis: runtime.redis,
    logger,
  });
  logger.info({ concurrency: config.worker.concurrency, metrics_port: metricsServer.port }, 'worker started');
  // The metrics server closes last, so the drain stays observable.
  installShutdown(
    logger,
    [{ name: 'metrics-server', close: () => metricsServer.close() }, ...runtime.closers],
    {
      timeoutSeconds: config.shutdownTimeoutSeconds,
    },
  );
}

main().catch((err: unknown) => {
  console.error('operations-controller worker failed to start:', err);
  process.exit(1);
});
