import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, auth, operationBody, startApi } from '../../support/api-harness.js';
import { RedisServer } from '../../support/redis-server.js';
import { waitFor } from '../../support/wait-for.js';

let redis: RedisServer;
let h: ApiHarness;
beforeAll(async () => {
  redis = await RedisServer.start();
  h = await startApi(redis.url);
});
afterAll(async () => {
  await h.close();
  await redis.destroy();
});

describe('while Redis is down', () => {
  it('answers 503 REDIS_UNAVAILABLE, never 202, and stores nothing; recovers when Redis is back', async () => {
    await redis.stop();
    const applicationId = randomUUID();
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: auth,
      payload: operationBody({ resource_id: applicationId }),
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('REDIS_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('1');

    const read = await h.app.inject({ url: `/v1/operations/${randomUUID()}`, headers: auth });
    expect(read.statusCode).toBe(503);
    expect((await h.app.inject({ url: '/readyz' })).statusCode).toBe(503);
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);

    await redis.restart();
    await waitFor(
      'the API to be ready again',
      async () => (await h.app.inject({ url: '/readyz' })).statusCode === 200,
    );
    expect(await h.queue.getJob(applicationId)).toBeUndefined();
    const again = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: auth,
      payload: operationBody({ resource_id: applicationId }),
    });
    expect(again.statusCode).toBe(202);
  });
});
