import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { asyncWebhook, syncWebhook } from '../../fakes/webhook-presets.js';
import { waitFor } from '../../support/wait-for.js';
import { startWorkerHarness, type WorkerHarness } from '../../support/worker-harness.js';
import { FAST_STALL, WorkerFleet } from '../../support/worker-process.js';

let h: WorkerHarness | undefined;
const fleet = new WorkerFleet();
afterEach(async () => {
  await fleet.killAll();
  await h?.close();
  h = undefined;
});

const start = (env: Record<string, string>) => fleet.start(env);

function finalizationsFor(applicationId: string) {
  return h?.director.finalizations().filter((f) => f.rawBody.includes(applicationId)) ?? [];
}

describe('a worker killed with SIGKILL', () => {
  it('loses nothing while the job waits between polls: another process finishes it, Director told once', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    const path = `/${randomUUID().slice(0, 8)}`;
    h.system.route('DELETE', `${path}/delete`, [{ status: 200, body: {} }]);
    h.system.route('GET', `${path}/op`, [
      { status: 200, body: { status: 'IN_PROGRESS' } },
      { status: 200, body: { status: 'SUCCEEDED' } },
    ]);
    const webhook = asyncWebhook(h.system.url, {
      overrides: {
        retryInterval: 2,
        urlTemplate: `{ "method": "DELETE", "path": "${h.system.url}${path}/delete" }`,
        outputTemplate: `{ "location": "${h.system.url}${path}/op", "success_status_code": 200, "error": "" }`,
      },
    });
    const first = start({ ...h.workerEnv, ...FAST_STALL });
    const { operationId, applicationId } = await h.submit({ webhook });
    await waitFor(
      'the job to wait between polls',
      async () => {
        const job = await h?.api.queue.getJob(applicationId);
        return job?.data.step === 'poll' && (await job.isDelayed());
      },
      { timeoutMs: 20_000 },
    ).catch((err) => {
      throw new Error(`${err.message}\n${first.output()}`);
    });
    await first.kill('SIGKILL');

    start({ ...h.workerEnv, ...FAST_STALL });
    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: `${path}/delete` })).toHaveLength(1);
    expect(finalizationsFor(applicationId).filter((f) => f.accepted)).toHaveLength(1);
  });

  it('mid webhook call: the job is taken over by another process and ends exactly once at Director', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    const path = `/${randomUUID().slice(0, 8)}/slow`;
    h.system.route('DELETE', path, [
      { status: 200, body: {}, delayMs: 4000 },
      { status: 200, body: {} },
    ]);
    const webhook = syncWebhook(h.system.url, {
      overrides: { urlTemplate: `{"method":"DELETE","path":"${h.system.url}${path}"}` },
    });
    const first = start({ ...h.workerEnv, ...FAST_STALL });
    const { operationId, applicationId } = await h.submit({ webhook });
    await waitFor('the webhook call to arrive', () => (h?.system.requests({ path }).length ?? 0) >= 1, {
      timeoutMs: 20_000,
    });
    await first.kill('SIGKILL');

    start({ ...h.workerEnv, ...FAST_STALL });
    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    // At-least-once: the interrupted call is made again, the result reaches Director once.
    expect(h.system.requests({ path }).length).toBe(2);
    expect(finalizationsFor(applicationId).filter((f) => f.accepted)).toHaveLength(1);
  });

  it('ends FAILED at Director when its job stalls more often than allowed', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    const path = `/${randomUUID().slice(0, 8)}/stall`;
    h.system.route('DELETE', path, [{ status: 200, body: {}, delayMs: 60_000 }]);
    const webhook = syncWebhook(h.system.url, {
      overrides: { urlTemplate: `{"method":"DELETE","path":"${h.system.url}${path}"}` },
    });
    const first = start({ ...h.workerEnv, ...FAST_STALL, HTTP_TIMEOUT_SECONDS: '120' });
    const { operationId, applicationId } = await h.submit({ webhook });
    await waitFor('the webhook call to arrive', () => (h?.system.requests({ path }).length ?? 0) >= 1, {
      timeoutMs: 20_000,
    });
    await first.kill('SIGKILL');

    start({ ...h.workerEnv, ...FAST_STALL, WORKER_MAX_STALLED_COUNT: '0' });
    const record = await h.finished(operationId, 30_000);
    expect(record.status).toBe('FAILED');
    expect(record.error).toMatch(/^operation failed unexpectedly: .*stalled/);
    const accepted = finalizationsFor(applicationId).filter((f) => f.accepted);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.body).toMatchObject({ error: record.error });
    expect(h.system.requests({ path })).toHaveLength(1);
  });
});
