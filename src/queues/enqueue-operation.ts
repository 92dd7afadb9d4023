import { randomUUID } from 'node:crypto';
import type { OperationRecord, OperationRequest } from '../operations/operation.js';
import type { OperationStore } from '../operations/operation-store.js';
import { OPERATION_JOB, type OperationsQueue } from './operations-queue.js';

export type EnqueueResult =
  | { accepted: true; record: OperationRecord }
  | { accepted: false; runningOperationId: string };

export interface EnqueueDeps {
  queue: OperationsQueue;
  store: OperationStore;
}

/** A holder that vanishes between `add` and the read-back is rare; a few rounds settle it. */
const MAX_ROUNDS = 3;

/**
 * Enqueues one operation, at most one per application. The job ID is the application ID, and BullMQ's
 * add is atomic but silently keeps an existing job with that ID (returning a Job that carries *our*
 * data). So the outcome is decided only by reading back which operation the job in Redis holds: two
 * intake replicas racing on one application both call add, and exactly one of them finds its own ID.
 *
 * The record is written first so the worker can never pick up a job whose record is missing; a record
 * whose request lost the race is discarded.
 */
export async function enqueueOperation(
  deps: EnqueueDeps,
  request: OperationRequest,
  headers: Record<string, string>,
): Promise<EnqueueResult> {
  const operationId = randomUUID();
  const applicationId = request.resource_id;
  const jobKey = deps.queue.toKey(applicationId);
  const { record, written } = deps.store.create(operationId, request, headers);
  const add = () =>
    deps.queue.add(
      OPERATION_JOB,
      { operationId, applicationId, step: 'fetch', acceptedAt: Date.parse(record.created_at) },
      { jobId: applicationId },
    );
  // The record's write is sent before the add, on the same connection, so Redis applies it first; not
  // waiting for its answer in between saves a round trip per request.
  const [wrote, added] = await Promise.allSettled([written, add()]);
  if (wrote.status === 'rejected') throw wrote.reason;
  if (added.status === 'rejected') throw added.reason;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round > 0) await add();
    const holder = await deps.store.linkIfHolder(jobKey, record);
    if (holder === operationId) return { accepted: true, record };
    if (holder !== null) {
      await deps.store.discard(operationId);
      return { accepted: false, runningOperationId: holder };
    }
    // The previous holder finished between our add and our read: the application is free, try again.
  }
  await deps.store.discard(operationId);
  throw new Error(`could not settle the job for application ${applicationId}`);
}
