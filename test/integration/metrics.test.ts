import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMetrics, registerQueueMetrics, statusClass } from '../../src/metrics/metrics.js';
import { type MetricsServer, startMetricsServer } from '../../src/metrics/metrics-server.js';
import { createOperationsQueue, OPERATION_JOB } from '../../src/queues/operations-queue.js';
import { redisOptions } from '../../src/redis.js';
import { type ApiHarness, auth, operationBody, startApi } from '../support/api-harness.js';
import { freePort } from '../support/free-port.js';
import { RedisServer } from '../support/redis-server.js';

/** The value of one sample in the text exposition, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((w) => present.includes(w)) && present.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics on the intake API', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.close();
  });

  const scrape = async () => {
    const res = await h.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const post = (payload: unknown, headers: Record<string, string> = auth) =>
    h.app.inject({ method: 'POST', url: '/v1/operations', headers, payload: payload as object });

  it('serves every metric and the default process metrics, all prefixed opctl_, without credentials', async () => {
    const res = await h.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'opctl_operations_accepted_total',
      'opctl_operations_rejected_total',
      'opctl_operations_finished_total',
      'opctl_operation_duration_seconds',
      'opctl_webhook_requests_total',
      'opctl_webhook_request_duration_seconds',
      'opctl_polls_per_operation',
      'opctl_poll_lateness_seconds',
      'opctl_director_requests_total',
      'opctl_director_request_duration_seconds',
      'opctl_finalize_retries_total',
      'opctl_step_outcomes_total',
      'opctl_queue_jobs',
      'opctl_queue_oldest_waiting_age_seconds',
      'opctl_operations_in_progress',
      'opctl_oldest_operation_age_seconds',
      'opctl_redis_up',
      'opctl_process_cpu_user_seconds_total',
      'opctl_nodejs_eventloop_lag_seconds',
    ]) {
      expect(res.body, name).toContain(`# TYPE ${name} `);
    }
    const names = res.body
      .split('\n')
      .filter((l) => l.startsWith('# TYPE '))
      .map((l) => l.split(' ')[2]);
    expect(names.filter((n) => !n?.startsWith('opctl_'))).toEqual([]);
    // Counters start at zero for every label combination, so the first event shows in rate().
    expect(sample(res.body, 'opctl_director_requests_total', { call: 'finalize', outcome: 'error' })).toBe(0);
  });

  it('counts accepted operations by type and rejected ones by reason', async () => {
    const before = await scrape();
    const applicationId = randomUUID();
    expect((await post(operationBody({ resource_id: applicationId }))).statusCode).toBe(202);
    expect(
      (
        await post(
          operationBody({
            operation_type: 'Update',
            operation_category: 'unpairApplication',
          }),
        )
      ).statusCode,
    ).toBe(202);
    expect((await post(operationBody({ resource_id: applicationId }))).statusCode).toBe(409);
    expect((await post(operationBody({ resource_type: 'tenant' }))).statusCode).toBe(400);
    expect((await post(operationBody(), {})).statusCode).toBe(401);
    expect((await post(operationBody({ correlation_id: 'x'.repeat(70 * 1024) }))).statusCode).toBe(413);
    const textPlain = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: { ...auth, 'content-type': 'text/plain' },
      payload: JSON.stringify(operationBody()),
    });
    expect(textPlain.statusCode).toBe(415);
    // Other routes are not counted.
    await h.app.inject({ url: `/v1/operations/${randomUUID()}`, headers: auth });

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('opctl_operations_accepted_total', { operation_type: 'Delete' })).toBe(1);
    expect(delta('opctl_operations_accepted_total', { operation_type: 'Update' })).toBe(1);
    for (const reason of ['conflict', 'validation', 'unauthorized', 'too_large', 'unsupported_media_type']) {
      expect(delta('opctl_operations_rejected_total', { reason }), reason).toBe(1);
    }
    expect(delta('opctl_operations_rejected_total', { reason: 'other' })).toBe(0);
  });

  it('reports the queue on every scrape: jobs by state, operations in progress, their ages, Redis up', async () => {
    await h.queue.obliterate({ force: true });
    expect((await post(operationBody())).statusCode).toBe(202);
    expect((await post(operationBody())).statusCode).toBe(202);
    // An operation accepted an hour ago, now waiting for its next poll.
    const hourAgo = Date.now() - 3600_000;
    await h.queue.add(
      OPERATION_JOB,
      { operationId: randomUUID(), applicationId: randomUUID(), step: 'poll', acceptedAt: hourAgo },
      { jobId: randomUUID(), delay: 60_000 },
    );

    const text = await scrape();
    expect(sample(text, 'opctl_queue_jobs', { state: 'waiting' })).toBe(2);
    expect(sample(text, 'opctl_queue_jobs', { state: 'delayed' })).toBe(1);
    expect(sample(text, 'opctl_queue_jobs', { state: 'active' })).toBe(0);
    expect(sample(text, 'opctl_queue_jobs', { state: 'paused' })).toBe(0);
    expect(sample(text, 'opctl_operations_in_progress')).toBe(3);
    expect(sample(text, 'opctl_oldest_operation_age_seconds')).toBeGreaterThanOrEqual(3600);
    expect(sample(text, 'opctl_oldest_operation_age_seconds')).toBeLessThan(3660);
    const waitingAge = sample(text, 'opctl_queue_oldest_waiting_age_seconds');
    expect(waitingAge).toBeGreaterThanOrEqual(0);
    expect(waitingAge).toBeLessThan(60);
    expect(sample(text, 'opctl_redis_up')).toBe(1);

    await h.queue.pause();
    const paused = await scrape();
    expect(sample(paused, 'opctl_queue_jobs', { state: 'paused' })).toBe(2);
    await h.queue.resume();
    await h.queue.obliterate({ force: true });
    expect(sample(await scrape(), 'opctl_operations_in_progress')).toBe(0);
  });
});

describe('a scrape while Redis is unreachable', () => {
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

  it('still answers, reports opctl_redis_up 0 and no stale queue values', async () => {
    expect(
      (await h.app.inject({ method: 'POST', url: '/v1/operations', headers: auth, payload: operationBody() }))
        .statusCode,
    ).toBe(202);
    expect(sample((await h.app.inject({ url: '/metrics' })).body, 'opctl_redis_up')).toBe(1);

    await redis.stop();
    const res = await h.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(sample(res.body, 'opctl_redis_up')).toBe(0);
    expect(sample(res.body, 'opctl_queue_jobs', { state: 'waiting' })).toBeUndefined();
    expect(sample(res.body, 'opctl_operations_in_progress')).toBeNaN();
    expect(sample(res.body, 'opctl_oldest_operation_age_seconds')).toBeNaN();

    const refused = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: auth,
      payload: operationBody(),
    });
    expect(refused.statusCode).toBe(503);
    const after = (await h.app.inject({ url: '/metrics' })).body;
    expect(sample(after, 'opctl_operations_rejected_total', { reason: 'redis_unavailable' })).toBe(1);
  });
});

describe('a scrape while Redis hangs', () => {
  it('gives up on the queue after the timeout instead of hanging the scrape', async () => {
    // A worker-style connection to a port nobody listens on queues commands forever: the worst case.
    const nobody = new Redis(`redis://127.0.0.1:${await freePort()}`, redisOptions('worker'));
    nobody.on('error', () => {});
    const queue = createOperationsQueue(nobody, 'hang');
    queue.on('error', () => {});
    const metrics = createMetrics();
    registerQueueMetrics(metrics, queue, 200);
    try {
      // Without the timeout this would never resolve: redis_up 0 says the scrape gave up on the queue.
      const text = await metrics.registry.metrics();
      expect(sample(text, 'opctl_redis_up')).toBe(0);
    } finally {
      nobody.disconnect();
      await queue.close().catch(() => {});
    }
  });
});

describe('the worker metrics server', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  let server: MetricsServer;
  const metrics = createMetrics();
  beforeAll(async () => {
    redisServer = await RedisServer.start();
    redis = new Redis(redisServer.url, redisOptions('producer'));
    redis.on('error', () => {});
    server = await startMetricsServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      redis,
      logger: createLogger({ logLevel: 'silent', logPretty: false }),
    });
  });
  afterAll(async () => {
    await server.close();
    redis.disconnect();
    await redisServer.destroy();
  });
  const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

  it('serves /metrics, /healthz and /readyz, and is not ready while Redis is down', async () => {
    metrics.webhookRequests.inc({ kind: 'poll', outcome: 'in_progress', status_class: statusClass(202) });
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(
      sample(text, 'opctl_webhook_requests_total', {
        kind: 'poll',
        outcome: 'in_progress',
        status_class: '2xx',
      }),
    ).toBe(1);
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/nothing')).status).toBe(404);

    await redisServer.stop();
    expect((await get('/readyz')).status).toBe(503);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('statusClass', () => {
  it('names the class of an HTTP status, and none when no response arrived', () => {
    expect([101, 200, 204, 302, 404, 503].map(statusClass)).toEqual([
      '1xx',
      '2xx',
      '2xx',
      '3xx',
      '4xx',
      '5xx',
    ]);
    expect([undefined, 0, 99, 600, 200.5].map((c) => statusClass(c))).toEqual([
      'none',
      'none',
      'none',
      'none',
      'none',
    ]);
  });
});
