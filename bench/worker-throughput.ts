import { randomUUID } from 'node:crypto';
import { startDirectorFake } from '../test/fakes/director-fake.js';
import { startExternalSystemFake } from '../test/fakes/external-system-fake.js';
import { application, asyncWebhook, syncWebhook } from '../test/fakes/webhook-presets.js';
import { auth, startApi } from '../test/support/api-harness.js';
import { freePort } from '../test/support/free-port.js';
import { type Child, httpOk, startChild } from './processes.js';

export interface WorkerResult {
  name: string;
  operations: number;
  seconds: number;
  opsPerSec: number;
  /** Operations that did not end SUCCEEDED (should be 0), and the first error seen. */
  failed: number;
  firstError?: string;
  /** Results Director accepted more than once for one operation (at-least-once finalize). */
  duplicateReports: number;
  /** Submissions answered 503 or 409 and retried (the intake's 1 s bound under saturation). */
  retriedSubmissions: number;
  lateness?: { polls: number; p50Ms: number; p99Ms: number; maxMs: number };
}

async function waitForRecords(
  api: { store: { get(id: string): Promise<{ status: string } | null> } },
  ids: string[],
) {
  const deadline = Date.now() + 30_000;
  let pending = ids;
  while (pending.length > 0 && Date.now() < deadline) {
    const records = await Promise.all(pending.map((id) => api.store.get(id)));
    pending = pending.filter((_, i) => records[i]?.status === 'IN_PROGRESS');
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 50));
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/**
 * End-to-end operations per second: N operations submitted through the intake, run by `workers` real
 * worker processes (from dist/) against the Director and external-system fakes answering at once.
 */
export async function benchWorker(
  redisUrl: string,
  {
    operations,
    workers,
    concurrency,
    lightOperations,
  }: { operations: number; workers: number; concurrency: number; lightOperations: number },
): Promise<WorkerResult[]> {
  const director = await startDirectorFake();
  const system = await startExternalSystemFake();
  const results: WorkerResult[] = [];
  const children: Child[] = [];
  try {
    system.route('DELETE', '/sync', [{ status: 200, body: {} }]);
    const sync = syncWebhook(system.url, {
      id: 'sync',
      overrides: { urlTemplate: `{"method":"DELETE","path":"${system.url}/sync"}` },
    });
    results.push(await run('SYNC', sync, null));

    const async = asyncWebhook(system.url, {
      id: 'async',
      overrides: {
        retryInterval: 1,
        urlTemplate: `{"method":"DELETE","path":"${system.url}/async/{{.Application.ID}}"}`,
        outputTemplate: `{"location":"${system.url}/async/{{.Body.id}}/status","success_status_code":200,"error":""}`,
      },
    });
    results.push(await run('ASYNC, 3 polls at 1 s', async, 3));
    // The same below saturation: how late polls are when the machine keeps up.
    results.push(await run('ASYNC, 3 polls at 1 s (light load)', async, 3, lightOperations));
    return results;
  } finally {
    for (const c of children) await c.stop();
    await director.close();
    await system.close();
  }

  async function run(
    name: string,
    webhook: ReturnType<typeof syncWebhook>,
    polls: number | null,
    count = operations,
  ): Promise<WorkerResult> {
    const api = await startApi(redisUrl, { QUEUE_PREFIX: `bench-${randomUUID().slice(0, 6)}` });
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const id of ids) {
      director.addApplication(application(id, [webhook]));
      if (polls !== null) {
        // Each application's own routes: the DELETE names the status URL, which answers IN_PROGRESS
        // (polls - 1) times, then SUCCEEDED.
        system.route('DELETE', `/async/${id}`, [{ status: 200, body: { id } }]);
        system.route('GET', `/async/${id}/status`, [
          ...Array.from({ length: polls - 1 }, () => ({ status: 200, body: { status: 'IN_PROGRESS' } })),
          { status: 200, body: { status: 'SUCCEEDED' } },
        ]);
      }
    }
    const before = director.acceptedFinalizations().length;
    const procs: Child[] = [];
    for (let i = 0; i < workers; i++) {
      const port = await freePort();
      procs.push(
        await startChild(
          ['dist/processors/worker.js'],
          {
            REDIS_URL: redisUrl,
            QUEUE_PREFIX: api.prefix,
            DIRECTOR_GRAPHQL_URL: director.graphqlUrl,
            DIRECTOR_OPERATION_URL: director.operationUrl,
            WORKER_CONCURRENCY: String(concurrency),
            WORKER_METRICS_PORT: String(port),
          },
          () => httpOk(`http://127.0.0.1:${port}/readyz`),
        ),
      );
    }
    children.push(...procs);
    const started = performance.now();
    // 50 submissions in flight, as a caller would; a 503 (the intake's 1 s bound under CPU saturation)
    // is retried, and the 409 that may follow names the operation that did get stored.
    const submitted: string[] = [];
    let retriedSubmissions = 0;
    const queue = [...ids];
    const submitOne = async (id: string): Promise<string> => {
      for (;;) {
        const res = await api.app.inject({
          method: 'POST',
          url: '/v1/operations',
          headers: auth,
          payload: {
            operation_type: 'Delete',
            operation_category: 'unregisterApplication',
            resource_type: 'application',
            resource_id: id,
            webhook_ids: [webhook.id],
            request_object: { Application: { id, name: 'bench' }, TenantID: 't' },
          },
        });
        if (res.statusCode === 202) return res.json().operation_id as string;
        retriedSubmissions++;
        if (res.statusCode === 409) return res.json().error.operation_id as string;
      }
    };
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift())
          submitted.push(await submitOne(id));
      }),
    );
    const deadline = Date.now() + 300_000;
    const mine = new Set<string>(ids);
    const reported = () =>
      director
        .acceptedFinalizations()
        .slice(before)
        .map((f) => (f.body as { resource_id?: string }).resource_id)
        .filter((id): id is string => id !== undefined && mine.has(id));
    while (new Set(reported()).size < count) {
      if (Date.now() > deadline) throw new Error(`${name}: not finished in time`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    // Director has every result; the records turn SUCCEEDED right after each acknowledgement.
    await waitForRecords(api, submitted);
    const result: WorkerResult = {
      name,
      operations: count,
      seconds,
      opsPerSec: count / seconds,
      failed: 0,
      duplicateReports: reported().length - count,
      retriedSubmissions,
    };
    for (const id of submitted) {
      const record = await api.store.get(id);
      if (record?.status !== 'SUCCEEDED') {
        result.failed++;
        result.firstError ??= record ? `${record.status}: ${record.error}` : 'missing record';
      }
    }
    if (polls !== null) {
      const lateness: number[] = [];
      for (const id of submitted) {
        for (const e of await api.store.getEvents(id))
          if (e.lateness_ms !== undefined) lateness.push(e.lateness_ms);
      }
      lateness.sort((a, b) => a - b);
      result.lateness = {
        polls: lateness.length,
        p50Ms: quantile(lateness, 0.5),
        p99Ms: quantile(lateness, 0.99),
        maxMs: lateness.at(-1) ?? Number.NaN,
      };
    }
    for (const p of procs) await p.stop();
    await api.close();
    return result;
  }
}
