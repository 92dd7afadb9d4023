import type { Logger } from './logger.js';

export type Closer = { name: string; close: () => Promise<unknown> };

/**
 * Closes everything once, in reverse order of start-up, on SIGTERM/SIGINT. A second signal, or the
 * deadline passing, exits at once with code 1: an orchestrator's kill is coming anyway, and BullMQ
 * recovers work cut off mid-step from its stalled-job check.
 */
export function installShutdown(
  logger: Logger,
  closers: Closer[],
  {
    timeoutSeconds,
    exit = (code: number) => process.exit(code),
  }: { timeoutSeconds: number; exit?: (code: number) => void },
): () => Promise<void> {
  let shuttingDown: Promise<void> | null = null;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    logger.info({ signal, timeout_s: timeoutSeconds }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeout_s: timeoutSeconds }, 'shutdown deadline passed: exiting');
      exit(1);
    }, timeoutSeconds * 1000);
    timer.unref();
    shuttingDown = (async () => {
      let code = 0;
      for (const closer of [...closers].reverse()) {
        try {
          await closer.close();
          logger.debug({ component: closer.name }, 'closed');
        } catch (err) {
          code = 1;
          logger.error({ err, component: closer.name }, 'close failed');
        }
      }
      clearTimeout(timer);
      logger.info('shut down');
      logger.flush?.();
      exit(code);
    })();
    await shuttingDown;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return () => shutdown('manual');
}
