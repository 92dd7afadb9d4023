import { type Job, Worker } from 'bullmq';
import { OPERATIONS_QUEUE } from '../queues/operations-queue.js';
import type { RedisClient } from '../redis.js';
import { rescueFailedJob } from './failed-jobs.js';
import { processOperationJob, type RunnerDeps } from './run-step.js';

export interface WorkerOptions {
  readonly connection: RedisClient;
  readonly prefix: string;
  readonly concurrency: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
}

/** The BullMQ worker that drives operations; failed jobs are sent straight to finalize. */
export function createOperationsWorker(deps: RunnerDeps, options: WorkerOptions): Worker {
  const worker = new Worker(
    OPERATIONS_QUEUE,
    (job: Job, token?: string) => processOperationJob(job, token, deps),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount,
      autorun: true,
    },
  );
  worker.on('failed', (job, err) => {
    if (!job) return;
    deps.logger.warn({ job_id: job.id, err: err.message }, 'job failed');
    rescueFailedJob(job, deps.logger).catch((rescueErr: unknown) =>
      deps.logger.warn({ err: rescueErr, job_id: job.id }, 'rescue failed: the sweeper will retry'),
    );
  });
  worker.on('error', (err) => deps.logger.warn({ err: err.message }, 'worker error'));
  return worker;
}
