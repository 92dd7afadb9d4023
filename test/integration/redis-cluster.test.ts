import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { asyncWebhook } from '../fakes/webhook-presets.js';
import { auth, operationBody } from '../support/api-harness.js';
import { RedisCluster } from '../support/redis-cluster.js';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness.js';

let cluster: RedisCluster;
let h: WorkerHarness;
beforeAll(async () => {
  cluster = await RedisCluster.start();
  const env = { REDIS_CLUSTER: 'true', QUEUE_PREFIX: `{ops${randomUUID().slice(0, 6)}}` };
  h = await startWorkerHarness(cluster.url, { apiEnv: env, workerEnv: env });
  h.startWorker();
}, 60_000);
afterAll(async () => {
  await h?.close();
  await cluster?.stop();
});

describe('on a Redis Cluster with a hash-tag QUEUE_PREFIX', () => {
  it('accepts, refuses the second and runs an ASYNC operation to its end, all keys on one node', async () => {
    h.system.route('DELETE', '/cluster/delete', [{ status: 200, body: {} }]);
    h.system.route('GET', '/cluster/op', [
      { status: 200, body: { status: 'IN_PROGRESS' } },
      { status: 200, body: { status: 'SUCCEEDED' } },
    ]);
    const webhook = asyncWebhook(h.system.url, {
      overrides: {
        urlTemplate: `{ "method": "DELETE", "path": "${h.system.url}/cluster/delete" }`,
        outputTemplate: `{ "location": "${h.system.url}/cluster/op", "success_status_code": 200, "error": "" }`,
      },
    });
    const { operationId, applicationId } = await h.submit({ webhook });
    const second = await h.api.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: auth,
      payload: operationBody({ resource_id: applicationId }),
    });
    expect(second.statusCode).toBe(409);

    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(record.webhook?.retries_count).toBe(1);
    const history = await h.api.app.inject({
      url: `/v1/applications/${applicationId}/operations`,
      headers: auth,
    });
    expect(history.json().items.map((o: { operation_id: string }) => o.operation_id)).toEqual([operationId]);
    expect((await cluster.keyCounts()).filter((n) => n > 0)).toHaveLength(1);
  });

  it('refuses cluster mode without a hash tag in QUEUE_PREFIX', () => {
    expect(() =>
      loadConfig({ REDIS_CLUSTER: 'true', QUEUE_PREFIX: 'ops', API_TOKENS: 'a-token-of-at-least-16' }, 'api'),
    ).toThrow(/REDIS_CLUSTER=true needs a hash tag in QUEUE_PREFIX/);
  });
});
