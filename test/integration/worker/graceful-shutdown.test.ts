import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { syncWebhook } from '../../fakes/webhook-presets.js';
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

/** The harness silences workers; these tests read the shutdown lines. */
const LOGGED = { LOG_LEVEL: 'info' };

const start = (env: Record<string, string>) => fleet.start(env);

/** A SYNC webhook at its own path whose first call takes `delayMs`; later calls answer at once. */
function slowSyncWebhook(harness: WorkerHarness, delayMs: number) {
  const path = `/${randomUUID().slice(0, 8)}/slow`;
  harness.system.route('DELETE', path, [
    { status: 200, body: {}, delayMs },
    { status: 200, body: {} },
  ]);
  const webhook = syncWebhook(harness.system.url, {
    overrides: { urlTemplate: `{"method":"DELETE","path":"${harness.system.url}${path}"}` },
  });
  return { path, webhook };
}

function acceptedFor(applicationId: string) {
  return h?.director.acceptedFinalizations().filter((f) => f.rawBody.includes(applicationId)) ?? [];
}

describe('a worker sent SIGTERM', () => {
  it('finishes the webhook call in flight, reports to Director once and exits 0', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    const { path, webhook } = slowSyncWebhook(h, 3000);
    const first = start({ ...h.workerEnv, ...LOGGED, ...FAST_STALL });
    const { operationId, applicationId } = await h.submit({ webhook });
    await waitFor('the webhook call to arrive', () => (h?.system.requests({ path }).length ?? 0) >= 1, {
      timeoutMs: 20_000,
    });

    first.child.kill('SIGTERM');
    // A second process is there to take the job over, should the first one abandon it.
    start({ ...h.workerEnv, ...FAST_STALL });

    expect(await first.exited).toBe(0);
    const record = await h.finished(operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(acceptedFor(applicationId)).toHaveLength(1);
    // The drain let the call complete: the external system was not called a second time.
    expect(h.system.requests({ path })).toHaveLength(1);
    expect(first.output()).toContain('"msg":"shut down"');
  });

  it('exits within SHUTDOWN_TIMEOUT_SECONDS when a call outlasts it, and another process finishes the operation', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    const { path, webhook } = slowSyncWebhook(h, 30_000);
    const first = start({
      ...h.workerEnv,
      ...LOGGED,
      ...FAST_STALL,
      HTTP_TIMEOUT_SECONDS: '60',
      SHUTDOWN_TIMEOUT_SECONDS: '2',
    });
    const { operationId, applicationId } = await h.submit({ webhook });
    await waitFor('the webhook call to arrive', () => (h?.system.requests({ path }).length ?? 0) >= 1, {
      timeoutMs: 20_000,
    });

    let exitCode: number | null | undefined;
    void first.exited.then((code) => {
      exitCode = code;
    });
    first.child.kill('SIGTERM');
    start({ ...h.workerEnv, ...FAST_STALL });

    // The 2 s deadline plus process exit; far below the 30 s call.
    await waitFor('the worker to exit at its shutdown deadline', () => exitCode !== undefined, {
      timeoutMs: 2000 + 3000,
    });
    expect(exitCode).toBe(1);
    expect(first.output()).toContain('shutdown deadline passed');

    const record = await h.finished(operationId, 20_000);
    expect(record.status).toBe('SUCCEEDED');
    expect(acceptedFor(applicationId)).toHaveLength(1);
    // At-least-once: the call cut off by the exit is made again by the second process.
    expect(h.system.requests({ path })).toHaveLength(2);
  });
});
