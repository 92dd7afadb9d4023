import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { OperationRecord, OperationRequest } from '../operations/operation.js';
import type { OperationStore } from '../operations/operation-store.js';
import { OPERATION_JOB, type OperationsQueue } from './operations-queue.js';

export type EnqueueResult =
  | { accepted: true; record: OperationRecord }
  | { accepted: false; runningOperationId: string };

export interface EnqueueDeps {
  queue: OperationsQueue;
  store: OperationStore;
  /** The connection the queue writes with, to read back the job's holder. */
  redis: Redis;
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
  const record = await deps.store.create(operationId, request, headers);
  const jobKey = deps.queue.toKey(applicationId);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    await deps.queue.add(
      OPERATION_JOB,
      { operationId, applicationId, step: 'fetch', acceptedAt: Date.parse(record.created_at) },
      { jobId: applicationId },
    );
    const holder = holderOf(await deps.redis.hget(jobKey, 'data'));
    if (holder === operationId) {
      await deps.store.link(record);
      return { accepted: true, record };
    }
    if (holder !== null) {
      await deps.store.discard(operationId);
      return { accepted: false, runningOperationId: holder };
    }
    // The previous holder finished between our add and our read: the application is free, try again.
  }
  await deps.store.discard(operationId);
  throw new Error(`could not settle the job for application ${applicationId}`);
}

function holderOf(rawData: string | null): string | null {
  if (rawData === null) return null;
  try {
    const data: unknown = JSON.parse(rawData);
    if (
      typeof data === 'object' &&
      data !== null &&
      'operationId' in data &&
      typeof data.operationId === 'string'
    ) {
      return data.operationId;
    }
  } catch {
    // fall through: a job we cannot read still holds the application
  }
  return 'unknown';
}
