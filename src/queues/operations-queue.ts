import { Queue, type QueueOptions } from 'bullmq';
import type { RedisClient } from '../redis.js';
import type { OperationJobData } from './job-data.js';

export const OPERATIONS_QUEUE = 'operations';

/** Job name: one per operation kind would add nothing, the step lives in the data. */
export const OPERATION_JOB = 'operation';

export type OperationsQueue = Queue<OperationJobData, void, string>;

/**
 * Finished jobs are removed at once: the application ID is the job ID, so a retained completed job would
 * make BullMQ silently ignore the application's next operation. History lives in the operation records.
 * Steps retry through our own outcomes; BullMQ's attempts only cover exceptions escaping the processor.
 */
export const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: false,
  // Exceptions out of the processor (a Redis blip mid-step) rerun the job from its saved step.
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
} as const satisfies QueueOptions['defaultJobOptions'];

export function createOperationsQueue(connection: RedisClient, prefix: string): OperationsQueue {
  return new Queue<OperationJobData, void, string>(OPERATIONS_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: JOB_OPTIONS,
  });
}
