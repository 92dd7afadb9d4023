import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { finishedRecord } from '../../../src/operations/operation-store.js';
import { OPERATIONS_QUEUE } from '../../../src/queues/operations-queue.js';
import { createRedisConnection } from '../../../src/redis.js';
import { type ApiHarness, auth, operationBody, startApi } from '../../support/api-harness.js';
import { waitFor } from '../../support/wait-for.js';

let replicaA: ApiHarness;
let replicaB: ApiHarness;
beforeAll(async () => {
  replicaA = await startApi(inject('redisUrl'));
  // A second intake replica on the same queue prefix, with its own connection.
  replicaB = await startApi(inject('redisUrl'), { QUEUE_PREFIX: replicaA.prefix });
});
afterAll(async () => {
  await replicaA.close();
  await replicaB.close();
});

function post(h: ApiHarness, payload: object) {
  return h.app.inject({ method: 'POST', url: '/v1/operations', headers: auth, payload });
}

/** Finishes whatever job the queue holds for `applicationId`, as the worker will: record first, then the job. */
async function finishJob(h: ApiHarness, status: 'SUCCEEDED' | 'FAILED'): Promise<void> {
  const connection = createRedisConnection(h.config, 'worker');
  const worker = new Worker(
    OPERATIONS_QUEUE,
    async (job) => {
      const record = await h.store.get(job.data.operationId);
      if (record)
        await h.store.save(
          finishedRecord(record, status, status === 'FAILED' ? 'boom' : null, new Date().toISOString()),
        );
    },
    { connection, prefix: h.prefix },
  );
  try {
    await waitFor(
      'the queue to drain',
      async () => (await h.queue.getJobCountByTypes('waiting', 'active')) === 0,
    );
  } finally {
    await worker.close();
    connection.disconnect();
  }
}

describe('one operation per application', () => {
  it('gives exactly one 202 among 100 concurrent POSTs from two replicas; every other answer is a 409 naming it', async () => {
    const applicationId = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post(
          i % 2 === 0 ? replicaA : replicaB,
          operationBody({ resource_id: applicationId, correlation_id: `c${i}` }),
        ),
      ),
    );
    const accepted = responses.filter((r) => r.statusCode === 202);
    expect(accepted).toHaveLength(1);
    const winner = accepted[0]?.json().operation_id;
    const refused = responses.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(99);
    for (const r of refused)
      expect(r.json().error).toMatchObject({ code: 'OPERATION_IN_PROGRESS', operation_id: winner });

    const history = await replicaA.store.listForApplication(applicationId, { limit: 100 });
    expect(history.items.map((o) => o.operation_id)).toEqual([winner]);
  });

  it('accepts the next operation once the previous one finished, whether it succeeded or failed', async () => {
    const applicationId = randomUUID();
    const first = await post(replicaA, operationBody({ resource_id: applicationId }));
    expect(first.statusCode).toBe(202);
    await finishJob(replicaA, 'FAILED');

    const second = await post(replicaB, operationBody({ resource_id: applicationId }));
    expect(second.statusCode).toBe(202);
    await finishJob(replicaA, 'SUCCEEDED');

    const third = await post(
      replicaA,
      operationBody({
        resource_id: applicationId,
        operation_type: 'Update',
        operation_category: 'unpairApplication',
      }),
    );
    expect(third.statusCode).toBe(202);

    const latest = await replicaA.app.inject({
      url: `/v1/applications/${applicationId}/operation`,
      headers: auth,
    });
    expect(latest.json().operation_id).toBe(third.json().operation_id);
    const history = (
      await replicaA.app.inject({ url: `/v1/applications/${applicationId}/operations`, headers: auth })
    ).json();
    expect(
      history.items.map((o: { operation_id: string; status: string }) => [o.operation_id, o.status]),
    ).toEqual([
      [third.json().operation_id, 'IN_PROGRESS'],
      [second.json().operation_id, 'SUCCEEDED'],
      [first.json().operation_id, 'FAILED'],
    ]);
  });

  it('keeps records after their jobs are gone', async () => {
    const applicationId = randomUUID();
    const { operation_id } = (await post(replicaA, operationBody({ resource_id: applicationId }))).json();
    await replicaA.queue.remove(applicationId);
    expect(await replicaA.queue.getJob(applicationId)).toBeUndefined();
    const res = await replicaA.app.inject({ url: `/v1/operations/${operation_id}`, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().operation_id).toBe(operation_id);
    expect(
      (
        await replicaA.app.inject({ url: `/v1/applications/${applicationId}/operation`, headers: auth })
      ).json().operation_id,
    ).toBe(operation_id);
  });

  it('sets the retention period as the expiry of every record key', async () => {
    const applicationId = randomUUID();
    const { operation_id } = (await post(replicaA, operationBody({ resource_id: applicationId }))).json();
    const ttl = await replicaA.redis.ttl(`${replicaA.prefix}:opctl:op:${operation_id}`);
    const thirtyDays = 30 * 24 * 3600;
    expect(ttl).toBeGreaterThan(thirtyDays - 60);
    expect(ttl).toBeLessThanOrEqual(thirtyDays);
    expect(await replicaA.redis.ttl(`${replicaA.prefix}:opctl:app:${applicationId}:ops`)).toBeGreaterThan(
      thirtyDays - 60,
    );
  });
});

describe('application history', () => {
  it('pages newest first with a cursor', async () => {
    const applicationId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift((await post(replicaA, operationBody({ resource_id: applicationId }))).json().operation_id);
      await finishJob(replicaA, 'SUCCEEDED');
    }
    const seen: string[] = [];
    let url = `/v1/applications/${applicationId}/operations?limit=2`;
    for (;;) {
      const page = (await replicaA.app.inject({ url, headers: auth })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o: { operation_id: string }) => o.operation_id));
      if (page.next_cursor === null) break;
      url = `/v1/applications/${applicationId}/operations?limit=2&cursor=${encodeURIComponent(page.next_cursor)}`;
    }
    expect(seen).toEqual(ids);
  });

  it('answers 404 for an application without operations and 400 for a bad limit', async () => {
    const id = randomUUID();
    expect(
      (await replicaA.app.inject({ url: `/v1/applications/${id}/operation`, headers: auth })).statusCode,
    ).toBe(404);
    const res = await replicaA.app.inject({
      url: `/v1/applications/${id}/operations?limit=1000`,
      headers: auth,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(
      (await replicaA.app.inject({ url: `/v1/applications/${id}/operations`, headers: auth })).json(),
    ).toEqual({
      items: [],
      next_cursor: null,
    });
  });
});
