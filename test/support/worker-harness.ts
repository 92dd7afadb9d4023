import { randomUUID } from 'node:crypto';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { DirectorWebhook } from '../../src/director/director-application.js';
import { createLogger } from '../../src/logger.js';
import type { OperationRecord } from '../../src/operations/operation.js';
import { createWorkerRuntime, type WorkerRuntime } from '../../src/processors/worker-runtime.js';
import { type DirectorFake, startDirectorFake } from '../fakes/director-fake.js';
import {
  type ExternalSystemFake,
  type ExternalSystemFakeOptions,
  startExternalSystemFake,
} from '../fakes/external-system-fake.js';
import { application } from '../fakes/webhook-presets.js';
import { type ApiHarness, auth, type LogSink, startApi } from './api-harness.js';
import { waitFor } from './wait-for.js';

export const DIRECTOR_TOKEN = 'director-token-secret-0123456789';

export interface WorkerHarness {
  api: ApiHarness;
  director: DirectorFake;
  system: ExternalSystemFake;
  /** Env for worker processes against the same Redis, prefix and fakes. */
  workerEnv: Record<string, string>;
  startWorker(env?: Record<string, string>, logSink?: LogSink): WorkerRuntime;
  /** Seeds an application with the webhook in the Director fake and submits an operation for it. */
  submit(options: {
    webhook?: DirectorWebhook | null;
    kind?: 'unregister' | 'unpair';
    applicationId?: string;
    seed?: boolean;
    correlationId?: string | null;
    headers?: Record<string, string>;
  }): Promise<{ operationId: string; applicationId: string }>;
  /** Waits until the operation is SUCCEEDED or FAILED and returns its record. */
  finished(operationId: string, timeoutMs?: number): Promise<OperationRecord>;
  close(): Promise<void>;
}

/** The intake API, the Director and external-system fakes, and in-process workers, over one Redis. */
export async function startWorkerHarness(
  redisUrl: string,
  {
    system: systemOptions = {},
    workerEnv: extraEnv = {},
    apiEnv = {},
    apiLogSink,
  }: {
    system?: ExternalSystemFakeOptions;
    workerEnv?: Record<string, string>;
    apiEnv?: Record<string, string>;
    apiLogSink?: LogSink;
  } = {},
): Promise<WorkerHarness> {
  const api = await startApi(redisUrl, apiEnv, apiLogSink);
  const director = await startDirectorFake({ token: DIRECTOR_TOKEN });
  const system = await startExternalSystemFake(systemOptions);
  const workers: WorkerRuntime[] = [];
  const workerEnv: Record<string, string> = {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: api.prefix,
    LOG_LEVEL: 'silent',
    DIRECTOR_GRAPHQL_URL: director.graphqlUrl,
    DIRECTOR_OPERATION_URL: director.operationUrl,
    DIRECTOR_TOKEN: DIRECTOR_TOKEN,
    WORKER_CONCURRENCY: '20',
    HTTP_TIMEOUT_SECONDS: '5',
    RETRY_MAX_BACKOFF_SECONDS: '1',
    FINALIZE_MAX_BACKOFF_SECONDS: '1',
    WORKER_METRICS_PORT: '0',
    ...extraEnv,
  };

  return {
    api,
    director,
    system,
    workerEnv,
    startWorker(env = {}, logSink) {
      const config = loadConfig({ ...workerEnv, ...env }, 'worker');
      const runtime = createWorkerRuntime(config, createLogger(config, logSink), systemClock);
      workers.push(runtime);
      return runtime;
    },
    async submit({
      webhook,
      kind = 'unregister',
      applicationId = randomUUID(),
      seed = true,
      correlationId = 'corr-42',
      headers = { Client_user: 'alice' },
    }) {
      if (seed) director.addApplication(application(applicationId, webhook ? [webhook] : []));
      const res = await api.app.inject({
        method: 'POST',
        url: '/v1/operations',
        headers: auth,
        payload: {
          operation_type: kind === 'unregister' ? 'Delete' : 'Update',
          operation_category: kind === 'unregister' ? 'unregisterApplication' : 'unpairApplication',
          resource_type: 'application',
          resource_id: applicationId,
          correlation_id: correlationId,
          webhook_ids: webhook ? [webhook.id] : [],
          request_object: JSON.stringify({
            Application: { id: applicationId, name: `app-${applicationId.slice(0, 8)}` },
            TenantID: 'tenant-7',
            Headers: headers,
          }),
        },
      });
      if (res.statusCode !== 202) throw new Error(`submit answered ${res.statusCode}: ${res.body}`);
      return { operationId: res.json().operation_id as string, applicationId };
    },
    finished(operationId, timeoutMs = 20_000) {
      return waitFor(
        `operation ${operationId} to finish`,
        async () => {
          const record = await api.store.get(operationId);
          return record && record.status !== 'IN_PROGRESS' ? record : undefined;
        },
        { timeoutMs, intervalMs: 25 },
      );
    },
    async close() {
      for (const w of workers) for (const c of [...w.closers].reverse()) await c.close().catch(() => {});
      await api.close();
      await director.close();
      await system.close();
    },
  };
}
