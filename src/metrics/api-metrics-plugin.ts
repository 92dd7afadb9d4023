import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics, RejectReason } from './metrics.js';

export interface ApiMetricsOptions {
  metrics: Metrics;
  /** The intake route whose answers are counted, as Fastify names it. */
  operationsRoute?: string;
}

const REJECT_REASONS: Readonly<Record<number, RejectReason>> = {
  400: 'validation',
  401: 'unauthorized',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  503: 'redis_unavailable',
};

/**
 * Serves `GET /metrics` and counts the intake's answers. `/metrics` needs no credentials, like
 * `/healthz`: it holds only counts and durations with bounded labels, never IDs, payloads or secrets,
 * and Prometheus scrapes it from inside the cluster. Keep it off public ingress all the same.
 * Wrapped with fastify-plugin so the counting hook sees the routes registered beside it.
 */
export const apiMetricsPlugin = fp(
  async (app: FastifyInstance, opts: ApiMetricsOptions) => {
    const { metrics } = opts;
    const operationsRoute = opts.operationsRoute ?? '/v1/operations';

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      const body = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(body);
    });

    // onResponse: the final status is known, including answers from auth hooks and the body parser.
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'POST' || request.routeOptions.url !== operationsRoute) return;
      const status = reply.statusCode;
      if (status === 202) {
        const type = operationTypeOf(request);
        if (type) metrics.operationsAccepted.inc({ operation_type: type });
        return;
      }
      if (status >= 400) metrics.operationsRejected.inc({ reason: REJECT_REASONS[status] ?? 'other' });
    });
  },
  { name: 'api-metrics', fastify: '5.x' },
);

/** The body is only trusted as far as the schema checked it, which a 202 implies; read it as unknown. */
function operationTypeOf(request: FastifyRequest): 'Delete' | 'Update' | null {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || !('operation_type' in body)) return null;
  const type = body.operation_type;
  return type === 'Delete' || type === 'Update' ? type : null;
}
