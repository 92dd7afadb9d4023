import { Gauge, type Registry } from 'prom-client';
import { withTimeout } from '../with-timeout.js';
import { QueueStates, readQueueSnapshot, type SnapshotQueue } from './queue-snapshot.js';

export interface QueueSource {
  /** Null in a process without a queue: the queue gauges and `opctl_redis_up` then stay empty. */
  queue: SnapshotQueue | null;
  timeoutMs: number;
}

/**
 * While the queue cannot be read, `opctl_queue_jobs` has no series and the unlabelled gauges are NaN
 * (prom-client always exposes an unlabelled gauge; NaN says "unknown" where 0 would say "none", and
 * comparisons with NaN never fire an alert). `opctl_redis_up` 0 is what alerts then.
 *
 * The queue gauges share one BullMQ read per scrape: the registry collects all metrics concurrently, so
 * the first gauge starts the read and the others await the same promise.
 */
export function declareQueueGauges(registry: Registry, source: QueueSource, prefix: string): void {
  type Snapshot = Awaited<ReturnType<typeof readQueueSnapshot>>;
  let inflight: Promise<Snapshot | null> | null = null;
  const snapshot = (): Promise<Snapshot | null> | null => {
    const queue = source.queue;
    if (queue === null) return null;
    if (inflight === null) {
      inflight = withTimeout(
        readQueueSnapshot(queue, Date.now()),
        source.timeoutMs,
        () => new Error('queue did not answer'),
      )
        .catch(() => null)
        .finally(() => {
          inflight = null;
        });
    }
    return inflight;
  };
  const registers = [registry];

  const queueJobs: Gauge<'state'> = new Gauge({
    name: `${prefix}queue_jobs`,
    help: 'Jobs in the operations queue, by BullMQ state.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const snap = await snapshot();
      queueJobs.reset();
      if (snap) for (const s of QueueStates) queueJobs.set({ state: s }, snap.counts[s]);
    },
  });
  const oldestWaiting: Gauge = new Gauge({
    name: `${prefix}queue_oldest_waiting_age_seconds`,
    help: 'Seconds the job next in line has waited for a worker (0 when none waits).',
    registers,
    async collect() {
      const snap = await snapshot();
      oldestWaiting.set(snap ? snap.oldestWaitingAgeSeconds : Number.NaN);
    },
  });
  const inProgress: Gauge = new Gauge({
    name: `${prefix}operations_in_progress`,
    help: 'Unfinished operations: jobs waiting, active, delayed, prioritized or failed.',
    registers,
    async collect() {
      const snap = await snapshot();
      const c = snap?.counts;
      inProgress.set(c ? c.waiting + c.active + c.delayed + c.prioritized + c.failed : Number.NaN);
    },
  });
  const oldestOperation: Gauge = new Gauge({
    name: `${prefix}oldest_operation_age_seconds`,
    help: 'Seconds since the oldest unfinished operation was accepted (0 when none).',
    registers,
    async collect() {
      const snap = await snapshot();
      oldestOperation.set(snap ? snap.oldestOperationAgeSeconds : Number.NaN);
    },
  });
  const redisUp: Gauge = new Gauge({
    name: `${prefix}redis_up`,
    help: 'Whether the queue in Redis answered this scrape in time (1) or not (0).',
    registers,
    async collect() {
      const pending = snapshot();
      if (pending === null) {
        // A process without a queue has nothing to report about Redis here.
        redisUp.reset();
        return;
      }
      redisUp.set((await pending) === null ? 0 : 1);
    },
  });
}
