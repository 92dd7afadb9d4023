import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { syncWebhook } from '../../fakes/webhook-presets.js';
import { waitFor } from '../../support/wait-for.js';
import { startWorkerHarness, type WorkerHarness } from '../../support/worker-harness.js';
import { WorkerFleet } from '../../support/worker-process.js';

let h: WorkerHarness | undefined;
const fleet = new WorkerFleet();
afterEach(async () => {
  await fleet.killAll();
  await h?.close();
  h = undefined;
});

const OPERATIONS = 500;
const PROCESSES = 3;

/** Occurrences of a pino message in a process's output (JSON lines). */
function count(output: string, msg: string): number {
  return output.split('\n').filter((line) => line.includes(`"msg":"${msg}"`)).length;
}

describe('three worker processes on one Redis', () => {
  it('share 500 operations, each ending SUCCEEDED exactly once at Director', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    const path = `/${randomUUID().slice(0, 8)}/scale`;
    h.system.route('DELETE', path, [{ status: 200, body: {} }]);
    const webhook = syncWebhook(h.system.url, {
      overrides: { urlTemplate: `{"method":"DELETE","path":"${h.system.url}${path}"}` },
    });
    const workers = Array.from({ length: PROCESSES }, () =>
      fleet.start({ ...h?.workerEnv, LOG_LEVEL: 'info' }),
    );
    // All three must be taking jobs before the burst, or the first one up would take most of it.
    await waitFor(
      'every worker to start',
      () => workers.every((w) => count(w.output(), 'worker started') === 1),
      {
        timeoutMs: 30_000,
      },
    );

    const submitted: { operationId: string; applicationId: string }[] = [];
    for (let i = 0; i < OPERATIONS; i += 50) {
      const batch = Array.from({ length: Math.min(50, OPERATIONS - i) }, () => h?.submit({ webhook }));
      for (const s of await Promise.all(batch)) if (s) submitted.push(s);
    }
    expect(submitted).toHaveLength(OPERATIONS);

    await waitFor(
      'Director to accept every result',
      () => h?.director.acceptedFinalizations().length === OPERATIONS,
      {
        timeoutMs: 30_000,
        intervalMs: 100,
      },
    );
    const perApplication = new Map<string, number>();
    for (const f of h.director.acceptedFinalizations()) {
      const id = (f.body as { resource_id?: string }).resource_id ?? '';
      perApplication.set(id, (perApplication.get(id) ?? 0) + 1);
    }
    expect(perApplication.size).toBe(OPERATIONS);
    expect(submitted.every((s) => perApplication.get(s.applicationId) === 1)).toBe(true);

    const records = await waitFor(
      'every record to be finished',
      async () => {
        const all = await Promise.all(submitted.map((s) => h?.api.store.get(s.operationId)));
        return all.every((r) => r && r.status !== 'IN_PROGRESS') ? all : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(records.filter((r) => r?.status === 'SUCCEEDED')).toHaveLength(OPERATIONS);
    expect(h.system.requests({ path })).toHaveLength(OPERATIONS);

    // Each process logs 'operation finished' once for every operation it completed.
    const perProcess = await waitFor(
      'every finish to be logged',
      () => {
        const counts = workers.map((w) => count(w.output(), 'operation finished'));
        return counts.reduce((a, b) => a + b, 0) >= OPERATIONS ? counts : undefined;
      },
      { timeoutMs: 5000, intervalMs: 100 },
    );
    process.stdout.write(`horizontal scaling: operations per process ${perProcess.join('/')}\n`);
    expect(perProcess.reduce((a, b) => a + b, 0)).toBe(OPERATIONS);
    for (const n of perProcess) expect(n).toBeGreaterThan(0);
  }, 90_000);
});
