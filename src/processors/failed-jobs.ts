import type { Job } from 'bullmq';
import type { Logger } from '../logger.js';
import type { OperationsQueue } from '../queues/operations-queue.js';
import { parseJobData } from './operation-state.js';

/**
 * A job that BullMQ itself failed (stalled too often, attempts exhausted by exceptions) is an operation
 * still IN_PROGRESS for its caller. It is sent back to the queue at the finalize step with a FAILED
 * result, so Director is told and nothing stays in progress forever. The job keeps its ID, so the
 * application stays reserved until Director has the result.
 */
export async function rescueFailedJob(job: Job, logger: Logger): Promise<boolean> {
  const parsed = parseJobData(job.data);
  if ('error' in parsed) {
    logger.error({ job_id: job.id, reason: parsed.error }, 'failed job has invalid data: left failed');
    return false;
  }
  if ((await job.getState()) !== 'failed') return false;
  const result =
    parsed.step === 'finalize' && parsed.state.result
      ? parsed.state.result
      : {
          error: `operation failed unexpectedly: ${job.failedReason || 'unknown reason'}`,
          notifyDirector: true,
        };
  await job.updateData({ ...parsed, step: 'finalize', state: { ...parsed.state, attempt: 0, result } });
  await job.retry('failed');
  logger.warn(
    { operation_id: parsed.operationId, application_id: parsed.applicationId, reason: job.failedReason },
    'failed job sent to finalize',
  );
  return true;
}

/** Periodically rescues failed jobs whose 'failed' event no live worker handled (it died first). */
export function startFailedJobSweeper(
  queue: OperationsQueue,
  logger: Logger,
  intervalMs: number,
): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      for (const job of await queue.getFailed(0, 99)) {
        await rescueFailedJob(job as Job, logger).catch((err: unknown) => {
          logger.debug({ err, job_id: job.id }, 'rescue skipped');
        });
      }
    } catch (err) {
      logger.warn({ err }, 'failed-job sweep failed');
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
