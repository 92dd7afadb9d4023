import type { FastifyInstance } from 'fastify';
import type { RedisClient } from '../../redis.js';
import { errorPayload } from '../plugins/error-handler.js';

/** `/healthz`: the process answers. `/readyz`: Redis answers too, so traffic may be sent here. */
export async function healthRoutes(app: FastifyInstance, opts: { redis: RedisClient }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await opts.redis.ping();
      return { status: 'ready' };
    } catch {
      return reply.status(503).send(errorPayload('REDIS_UNAVAILABLE', 'redis does not answer'));
    }
  });
}
