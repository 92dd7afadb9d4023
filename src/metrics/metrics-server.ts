import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { withTimeout } from '../with-timeout.js';
import type { Metrics } from './metrics.js';

export interface MetricsServerOptions {
  host: string;
  port: number;
  metrics: Metrics;
  /** Any connection that answers PING; readiness means the worker can reach its queue. */
  redis: { ping(): Promise<unknown> };
  logger: Logger;
}

export interface MetricsServer {
  /** The bound port (useful when 0 was asked for). */
  readonly port: number;
  close(): Promise<void>;
}

/** Readiness answers within this bound even while Redis hangs, so the kubelet's probe never times out. */
export const READY_TIMEOUT_MS = 1000;

/**
 * The worker's only listener: `/metrics` for Prometheus, `/healthz` (the process runs) and `/readyz`
 * (Redis answers PING). A bare node:http server, because the worker has no HTTP API to hang these on.
 * No credentials: it carries no secrets and belongs on the cluster network only.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { metrics, redis, logger } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
    if (path === '/metrics') {
      const body = await metrics.registry.metrics();
      return send(res, 200, body, metrics.registry.contentType);
    }
    if (path === '/healthz') return send(res, 200, 'ok\n');
    if (path === '/readyz') {
      const ready = await pingWithin(redis, READY_TIMEOUT_MS);
      return send(res, ready ? 200 : 503, ready ? 'ready\n' : 'redis does not answer\n');
    }
    return send(res, 404, 'not found\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, 'metrics request failed');
      if (!res.headersSent) send(res, 500, 'internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: options.host, port }, 'metrics server listening');

  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Prometheus keeps connections alive between scrapes; without this close would wait for them.
        server.closeIdleConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function pingWithin(redis: MetricsServerOptions['redis'], ms: number): Promise<boolean> {
  return withTimeout(redis.ping(), ms, () => new Error('ping timed out')).then(
    () => true,
    () => false,
  );
}
