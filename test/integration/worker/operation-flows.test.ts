import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  application,
  asyncLocationWebhook,
  asyncWebhook,
  DELETE_PATH,
  OPERATION_PATH,
  scriptAsyncDeletion,
  syncWebhook,
} from '../../fakes/webhook-presets.js';
import { auth } from '../../support/api-harness.js';
import { waitFor } from '../../support/wait-for.js';
import { startWorkerHarness, type WorkerHarness } from '../../support/worker-harness.js';

let h: WorkerHarness;
beforeAll(async () => {
  h = await startWorkerHarness(inject('redisUrl'));
  h.startWorker();
});
afterAll(async () => {
  await h.close();
});

/** Each test gets its own paths on the shared external-system fake. */
function paths() {
  const id = randomUUID().slice(0, 8);
  return { call: `/${id}${DELETE_PATH}`, poll: `/${id}${OPERATION_PATH}` };
}

function finalizationsFor(applicationId: string) {
  return h.director
    .acceptedFinalizations()
    .filter((f) => (f.body as { resource_id?: string })?.resource_id === applicationId);
}

const status = (value: string, error: string | null = null) => ({
  status: 200,
  body: { status: value, error },
});

function asyncOn(p: ReturnType<typeof paths>, overrides = {}) {
  return asyncWebhook(h.system.url, {
    overrides: {
      urlTemplate: `{ "method": "DELETE", "path": "${h.system.url}${p.call}" }`,
      outputTemplate: `{ "location": "${h.system.url}${p.poll}", "success_status_code": 200, "error": "{{.Body.error}}" }`,
      ...overrides,
    },
  });
}

describe('ASYNC webhooks', () => {
  it('succeeds after N in-progress polls: retries_count N, webhook called once, Director told once without error', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    h.system.route('GET', p.poll, [
      status('IN_PROGRESS'),
      status('IN_PROGRESS'),
      status('IN_PROGRESS'),
      status('SUCCEEDED'),
    ]);
    const { operationId, applicationId } = await h.submit({ webhook: asyncOn(p) });
    const record = await h.finished(operationId);

    expect(record.status).toBe('SUCCEEDED');
    expect(record.error).toBeNull();
    expect(record.webhook).toMatchObject({
      retries_count: 3,
      webhook_poll_url: `${h.system.url}${p.poll}`,
      state: 'SUCCEEDED',
    });
    expect(h.system.requests({ path: p.call })).toHaveLength(1);
    expect(h.system.requests({ path: p.poll })).toHaveLength(4);
    const fins = finalizationsFor(applicationId);
    expect(fins).toHaveLength(1);
    expect(fins[0]?.body).toEqual({
      operation_type: 'Delete',
      resource_type: 'application',
      resource_id: applicationId,
      operation_category: 'unregisterApplication',
    });
    // The job is gone and the application is free; the history shows each exchange.
    expect(await h.api.queue.getJob(applicationId)).toBeUndefined();
    const op = (await h.api.app.inject({ url: `/v1/operations/${operationId}`, headers: auth })).json();
    expect(op.events.map((e: { kind: string; outcome: string }) => `${e.kind}:${e.outcome}`)).toEqual([
      'director_fetch:ok',
      'webhook_call:in_progress',
      ...Array.from({ length: 4 }, (_, i) => [
        'director_fetch:ok',
        i < 3 ? 'webhook_poll:in_progress' : 'webhook_poll:success',
      ]).flat(),
      'director_finalize:ok',
    ]);
    const polls = op.events.filter((e: { kind: string }) => e.kind === 'webhook_poll');
    for (const poll of polls) expect(poll.lateness_ms).toBeGreaterThanOrEqual(0);
  });

  it('takes the poll URL from the Location header of a 202', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [
      { status: 202, headers: { location: `${h.system.url}${p.poll}` }, body: '' },
    ]);
    h.system.route('GET', p.poll, [status('SUCCEEDED')]);
    const webhook = asyncLocationWebhook(h.system.url, {
      overrides: { urlTemplate: `{ "method": "DELETE", "path": "${h.system.url}${p.call}" }` },
    });
    const record = await h.finished((await h.submit({ webhook })).operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(record.webhook?.webhook_poll_url).toBe(`${h.system.url}${p.poll}`);
  });

  it('ends FAILED when the external system reports the failed status', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    h.system.route('GET', p.poll, [status('IN_PROGRESS'), status('FAILED')]);
    const { operationId, applicationId } = await h.submit({ webhook: asyncOn(p) });
    const record = await h.finished(operationId);
    expect(record).toMatchObject({
      status: 'FAILED',
      error: 'webhook operation has finished with failed status',
    });
    expect(finalizationsFor(applicationId)[0]?.body).toMatchObject({
      error: 'webhook operation has finished with failed status',
    });
  });

  it('ends FAILED with "polling time has expired" when the timeout passes while polling', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    h.system.route('GET', p.poll, [status('IN_PROGRESS')]);
    const { operationId } = await h.submit({ webhook: asyncOn(p, { timeout: 2, retryInterval: 1 }) });
    const record = await h.finished(operationId);
    expect(record).toMatchObject({
      status: 'FAILED',
      error: 'webhook timeout reached: polling time has expired',
    });
    expect(h.system.requests({ path: p.call })).toHaveLength(1);
  });

  it('ends FAILED on an unknown poll status instead of polling forever', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    h.system.route('GET', p.poll, [status('PAUSED')]);
    const record = await h.finished((await h.submit({ webhook: asyncOn(p) })).operationId);
    expect(record).toMatchObject({ status: 'FAILED', error: 'unexpected poll status response: PAUSED' });
    expect(h.system.requests({ path: p.poll })).toHaveLength(1);
  });

  it('retries poll errors (5xx, a non-empty error, a non-JSON body) and then succeeds', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    h.system.route('GET', p.poll, [
      { status: 503, body: 'busy' },
      status('IN_PROGRESS', 'backend hiccup'),
      { status: 200, body: 'not json' },
      status('SUCCEEDED'),
    ]);
    const { operationId } = await h.submit({ webhook: asyncOn(p) });
    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: p.poll })).toHaveLength(4);
  });

  it('reports success at once when the call answers the gone status, without polling', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 410, body: {} }]);
    const webhook = asyncOn(p, {
      outputTemplate: `{ "location": "${h.system.url}${p.poll}", "success_status_code": 200, "gone_status_code": 410, "error": "{{.Body.error}}" }`,
    });
    const { operationId, applicationId } = await h.submit({ webhook });
    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: p.poll })).toHaveLength(0);
    expect(finalizationsFor(applicationId)[0]?.body).not.toHaveProperty('error');
  });
});

describe('SYNC webhooks', () => {
  it('succeeds on the success status code with one call', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    const webhook = syncWebhook(h.system.url, {
      overrides: { urlTemplate: `{"method":"DELETE","path":"${h.system.url}${p.call}"}` },
    });
    const { operationId, applicationId } = await h.submit({ webhook });
    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: p.call })).toHaveLength(1);
    expect(finalizationsFor(applicationId)).toHaveLength(1);
  });

  it('retries a wrong status code until the timeout, then fails naming the last error', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 400, body: { error: 'no such tenant' } }]);
    const webhook = syncWebhook(h.system.url, {
      overrides: { urlTemplate: `{"method":"DELETE","path":"${h.system.url}${p.call}"}`, timeout: 2 },
    });
    const record = await h.finished((await h.submit({ webhook })).operationId);
    expect(record.status).toBe('FAILED');
    expect(record.error).toBe(
      "webhook timeout reached: response success status code was not met - expected success status code '200', got '400'; received error while calling external system: no such tenant",
    );
    expect(h.system.requests({ path: p.call }).length).toBeGreaterThanOrEqual(2);
  });
});

describe('what Director holds', () => {
  it('succeeds and tells Director when the operation names no webhook', async () => {
    const { operationId, applicationId } = await h.submit({ webhook: null });
    expect((await h.finished(operationId)).status).toBe('SUCCEEDED');
    expect(finalizationsFor(applicationId)).toHaveLength(1);
  });

  it('fails with "missing webhook with ID" and tells Director when the webhook is not among the application\'s', async () => {
    const applicationId = randomUUID();
    const webhook = syncWebhook(h.system.url, { id: 'gone-webhook' });
    h.director.addApplication(application(applicationId, [], 'x'));
    const { operationId } = await h.submit({ webhook, applicationId, seed: false });
    expect(await h.finished(operationId)).toMatchObject({
      status: 'FAILED',
      error: 'missing webhook with ID: gone-webhook',
    });
    expect(finalizationsFor(applicationId)[0]?.body).toMatchObject({
      error: 'missing webhook with ID: gone-webhook',
    });
  });

  it('succeeds without calling Director when the application of an unregister does not exist', async () => {
    const { operationId, applicationId } = await h.submit({
      webhook: syncWebhook(h.system.url),
      seed: false,
    });
    expect((await h.finished(operationId)).status).toBe('SUCCEEDED');
    expect(h.director.finalizations().filter((f) => f.rawBody.includes(applicationId))).toHaveLength(0);
  });

  it('fails without calling Director when the application of an unpair does not exist', async () => {
    const { operationId, applicationId } = await h.submit({
      webhook: syncWebhook(h.system.url),
      seed: false,
      kind: 'unpair',
    });
    expect(await h.finished(operationId)).toMatchObject({
      status: 'FAILED',
      error: 'Application not found in director',
    });
    expect(h.director.finalizations().filter((f) => f.rawBody.includes(applicationId))).toHaveLength(0);
  });

  it('retries GraphQL errors instead of taking them for "not found"', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    const webhook = syncWebhook(h.system.url, {
      overrides: { urlTemplate: `{"method":"DELETE","path":"${h.system.url}${p.call}"}` },
    });
    h.director.failNextFetches(2, 'graphql-error');
    const { operationId } = await h.submit({ webhook });
    expect((await h.finished(operationId)).status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: p.call })).toHaveLength(1);
  });

  it('retries the Director PUT after 500s without calling the webhook again: one call, three PUTs', async () => {
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    const webhook = syncWebhook(h.system.url, {
      overrides: { urlTemplate: `{"method":"DELETE","path":"${h.system.url}${p.call}"}` },
    });
    h.director.failNextFinalizations(2, 500);
    const { operationId, applicationId } = await h.submit({ webhook });
    // Not finished for the caller until Director accepted the result.
    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: p.call })).toHaveLength(1);
    const puts = h.director.finalizations().filter((f) => f.rawBody.includes(applicationId));
    expect(puts.map((f) => f.status)).toEqual([500, 500, 200]);
  });
});

describe('invalid webhooks', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'an input template with an unknown field',
      { inputTemplate: '{"group": "{{.Application.Group}}"}' },
      /input template/i,
    ],
    ['a URL template that is not JSON', { urlTemplate: '{"method": "DELETE", "path": ' }, /url template/i],
    [
      'a status template missing success_status_code',
      {
        statusTemplate:
          '{"status":"{{.Body.status}}","success_status_identifier":"S","in_progress_status_identifier":"P","failed_status_identifier":"F","error":""}',
      },
      /status template|success_status_code/i,
    ],
    ['no output template', { outputTemplate: null }, /^missing output template$/],
    ['an unsupported mode', { mode: 'ASYNC_CALLBACK' }, /^unsupported webhook mode: ASYNC_CALLBACK$/],
  ];
  for (const [what, overrides, message] of cases) {
    it(`fails at once with ${what}, and tells Director`, async () => {
      const p = paths();
      h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
      h.system.route('GET', p.poll, [status('IN_PROGRESS')]);
      const { operationId, applicationId } = await h.submit({ webhook: asyncOn(p, overrides) });
      const record = await h.finished(operationId);
      expect(record.status).toBe('FAILED');
      expect(record.error).toMatch(message);
      expect(finalizationsFor(applicationId)).toHaveLength(1);
      if (!what.includes('status template')) expect(h.system.requests({ path: p.call })).toHaveLength(0);
    });
  }
});

describe('one application', () => {
  it('runs two consecutive operations, each to its end', async () => {
    const applicationId = randomUUID();
    const p = paths();
    h.system.route('DELETE', p.call, [{ status: 200, body: {} }]);
    h.system.route('GET', p.poll, [status('SUCCEEDED')]);
    const webhook = asyncOn(p);
    const first = await h.submit({ webhook, applicationId, kind: 'unpair' });
    expect((await h.finished(first.operationId)).status).toBe('SUCCEEDED');
    await waitFor(
      'the job to be removed',
      async () => (await h.api.queue.getJob(applicationId)) === undefined,
    );
    const second = await h.submit({ webhook, applicationId, seed: false });
    expect((await h.finished(second.operationId)).status).toBe('SUCCEEDED');
    expect(
      finalizationsFor(applicationId).map((f) => (f.body as { operation_type: string }).operation_type),
    ).toEqual(['Update', 'Delete']);
  });
});

describe('an intake that died after enqueueing', () => {
  it('still gets its operation into the application history: the worker links it', async () => {
    const applicationId = randomUUID();
    h.director.addApplication(application(applicationId, [], 'x'));
    const operationId = randomUUID();
    const { record, written } = h.api.store.create(
      operationId,
      {
        operation_type: 'Delete',
        operation_category: 'unregisterApplication',
        resource_type: 'application',
        resource_id: applicationId,
        correlation_id: null,
        webhook_ids: [],
        request_object: { Application: { id: applicationId, name: 'x' }, TenantID: 't' },
      },
      {},
    );
    await written;
    await h.api.queue.add(
      'operation',
      { operationId, applicationId, step: 'fetch', acceptedAt: Date.parse(record.created_at) },
      { jobId: applicationId },
    );
    expect((await h.finished(operationId)).status).toBe('SUCCEEDED');
    const history = (
      await h.api.app.inject({ url: `/v1/applications/${applicationId}/operations`, headers: auth })
    ).json();
    expect(history.items.map((o: { operation_id: string }) => o.operation_id)).toEqual([operationId]);
  });
});

describe('the poll script helper', () => {
  it('matches the shape of Compass e2e external system', async () => {
    const webhook = asyncWebhook(h.system.url, { id: `w-${randomUUID()}` });
    scriptAsyncDeletion(h.system, { inProgressPolls: 1 });
    const { operationId } = await h.submit({ webhook });
    expect((await h.finished(operationId)).status).toBe('SUCCEEDED');
  });
});
