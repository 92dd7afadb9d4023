import type { Queue } from 'bullmq';

/**
 * The states reported as `opctl_queue_jobs{state}`. BullMQ 6 has no separate paused list: a paused
 * queue keeps its jobs in `waiting`, so `paused` counts the waiting jobs while the queue is paused.
 */
export const QueueStates = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'failed',
  'completed',
  'paused',
  'waiting-children',
] as const;
export type QueueState = (typeof QueueStates)[number];
const COUNTED_STATES = QueueStates.filter((s) => s !== 'paused') as Exclude<QueueState, 'paused'>[];

/**
 * States that hold an unfinished operation. Completed jobs are removed at once, and a failed job is an
 * operation the worker gave up on without Director's acknowledgement, so it is still unfinished.
 */
export const UnfinishedStates = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/**
 * Jobs read per state to find the oldest operation. Keeps a scrape's work bounded however long the
 * queue grows; past this many jobs in one state the answer covers the ones BullMQ orders first.
 */
export const OLDEST_SCAN_PER_STATE = 200;

/** Jobs at the head of the line looked at for the waiting age. */
const WAITING_SCAN = 10;

/** What BullMQ is asked on a scrape: only reads, so several replicas may scrape at once. */
export type SnapshotQueue = Pick<Queue, 'getJobCounts' | 'getJobs' | 'isPaused'>;

export interface QueueSnapshot {
  counts: Record<QueueState, number>;
  /** How long the job next in line has waited for a worker; 0 when nothing waits. */
  oldestWaitingAgeSeconds: number;
  /** Age of the oldest unfinished operation from its acceptance; 0 when none. */
  oldestOperationAgeSeconds: number;
}

export async function readQueueSnapshot(queue: SnapshotQueue, now: number): Promise<QueueSnapshot> {
  const [raw, paused, waiting, unfinished] = await Promise.all([
    queue.getJobCounts(...COUNTED_STATES),
    queue.isPaused(),
    // asc: BullMQ hands out the oldest first, so these are the ones that have waited longest.
    queue.getJobs(['waiting', 'prioritized'], 0, WAITING_SCAN - 1, true),
    queue.getJobs([...UnfinishedStates], 0, OLDEST_SCAN_PER_STATE - 1, true),
  ]);
  const counts = Object.fromEntries(QueueStates.map((s) => [s, raw[s] ?? 0])) as Record<QueueState, number>;
  counts.paused = paused ? counts.waiting : 0;

  let oldestWaiting = 0;
  for (const job of waiting) {
    if (job) oldestWaiting = Math.max(oldestWaiting, now - waitingSince(job));
  }
  let oldestAccepted = now;
  for (const job of unfinished) {
    const acceptedAt = acceptedAtOf(job?.data);
    if (acceptedAt !== null) oldestAccepted = Math.min(oldestAccepted, acceptedAt);
  }
  return {
    counts,
    oldestWaitingAgeSeconds: Math.max(0, oldestWaiting) / 1000,
    oldestOperationAgeSeconds: Math.max(0, now - oldestAccepted) / 1000,
  };
}

/**
 * BullMQ stores no "waiting since". A job that has never run waits from its creation (plus an initial
 * delay); a job back from a poll's delay waits from its due time, which is at least its last start plus
 * the delay it was given. The estimate errs by at most one step's run time, well below alert thresholds.
 */
function waitingSince(job: { timestamp: number; processedOn?: number; delay: number }): number {
  const fromCreation = job.timestamp + (job.processedOn === undefined ? job.delay : 0);
  const fromDelay = job.processedOn !== undefined ? job.processedOn + job.delay : 0;
  return Math.max(fromCreation, fromDelay);
}

/** Job data is read as unknown: a job written by another version must not break a scrape. */
function acceptedAtOf(data: unknown): number | null {
  if (typeof data !== 'object' || data === null || !('acceptedAt' in data)) return null;
  const value = data.acceptedAt;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
