import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { createOperationsQueue } from '../src/queues/operations-queue.js';
import { createRedisConnection, waitForReady } from '../src/redis.js';

/** The baseline: a bare Fastify route that only calls `queue.add`, same connection settings as the API. */
const redis = createRedisConnection(
  { redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisCluster: false },
  'producer',
);
await waitForReady(redis, 5000);
const queue = createOperationsQueue(redis, process.env.QUEUE_PREFIX ?? 'bare');
const app = Fastify();
app.post('/bare', async (_request, reply) => {
  const id = randomUUID();
  await queue.add(
    'operation',
    { operationId: id, applicationId: id, step: 'fetch', acceptedAt: Date.now() },
    { jobId: id },
  );
  return reply.status(202).send({ operation_id: id });
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
