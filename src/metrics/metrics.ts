import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { OperationType } from '../operations/operation.js';
import { declareQueueGauges, type QueueSource } from './queue-gauges.js';
import type { SnapshotQueue } from './queue-snapshot.js';

export type { QueueSource } from './queue-gauges.js';

/**
 * Every metric of the service, declared here and nowhere else. Labels are bounded enums, never IDs or
 * error texts, so the series count stays fixed whatever the traffic (the old controller's labels were not).
 * Each process builds one registry at start-up; the global default registry is never used, so tests can
 * build as many as they like.
 */

export const METRIC_PREFIX = 'opctl_';

/** Bound on a scrape's questions to BullMQ: Prometheus must get an answer even while Redis is down. */
export const QUEUE_SCRAPE_TIMEOUT_MS = 1000;

export const RejectReasons = [
  'validation',
  'conflict',
  'unauthorized',
  'too_large',
  'unsupported_media_type',
  'redis_unavailable',
  'other',
] as const;
export type RejectReason = (typeof RejectReasons)[number];

export type FinishOutcome = 'succeeded' | 'failed';
export type WebhookKind = 'call' | 'poll';
export type WebhookOutcome = 'success' | 'in_progress' | 'gone' | 'failed' | 'error';
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'none';
export type DirectorCall = 'fetch' | 'finalize';
export type DirectorOutcome = 'ok' | 'not_found' | 'error';
export type StepName = 'fetch' | 'call' | 'poll' | 'finalize';
export type StepOutcome = 'next' | 'wait' | 'retry' | 'done' | 'fail';

const OPERATION_TYPES: readonly OperationType[] = ['Delete', 'Update'];
const FINISH_OUTCOMES: readonly FinishOutcome[] = ['succeeded', 'failed'];
const WEBHOOK_KINDS: readonly WebhookKind[] = ['call', 'poll'];
const WEBHOOK_OUTCOMES: readonly WebhookOutcome[] = ['success', 'in_progress', 'gone', 'failed', 'error'];
const STATUS_CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'];
const DIRECTOR_CALLS: readonly DirectorCall[] = ['fetch', 'finalize'];
const DIRECTOR_OUTCOMES: readonly DirectorOutcome[] = ['ok', 'not_found', 'error'];
const STEP_NAMES: readonly StepName[] = ['fetch', 'call', 'poll', 'finalize'];
const STEP_OUTCOMES: readonly StepOutcome[] = ['next', 'wait', 'retry', 'done', 'fail'];

/** A counter whose label values the compiler checks. */
export interface LabelledCounter<L extends object> {
  inc(labels: L, value?: number): void;
}
/** A histogram whose label values the compiler checks. */
export interface LabelledHistogram<L extends object> {
  observe(labels: L, value: number): void;
}

export interface Metrics {
  readonly registry: Registry;
  readonly operationsAccepted: LabelledCounter<{ operation_type: OperationType }>;
  readonly operationsRejected: LabelledCounter<{ reason: RejectReason }>;
  readonly operationsFinished: LabelledCounter<{ operation_type: OperationType; outcome: FinishOutcome }>;
  /** Seconds from the intake's acceptance to Director's acknowledgement of the result. */
  readonly operationDuration: LabelledHistogram<{ operation_type: OperationType; outcome: FinishOutcome }>;
  readonly webhookRequests: LabelledCounter<{
    kind: WebhookKind;
    outcome: WebhookOutcome;
    status_class: StatusClass;
  }>;
  readonly webhookRequestDuration: LabelledHistogram<{ kind: WebhookKind; status_class: StatusClass }>;
  /** Observed once per finished operation: how many polls it took. */
  readonly pollsPerOperation: LabelledHistogram<{ operation_type: OperationType }>;
  /** Seconds from a poll's due time to the moment it is sent. */
  readonly pollLateness: { observe(value: number): void };
  readonly directorRequests: LabelledCounter<{ call: DirectorCall; outcome: DirectorOutcome }>;
  readonly directorRequestDuration: LabelledHistogram<{ call: DirectorCall }>;
  readonly finalizeRetries: { inc(value?: number): void };
  readonly stepOutcomes: LabelledCounter<{ step: StepName; outcome: StepOutcome }>;
  /** Where the scrape-time queue gauges read from; set it with `registerQueueMetrics`. */
  readonly queueSource: QueueSource;
}

/** `2xx` for 204; `none` when no response arrived (timeout, reset, refused). */
export function statusClass(code?: number): StatusClass {
  if (code === undefined || !Number.isInteger(code) || code < 100 || code > 599) return 'none';
  return `${Math.floor(code / 100)}xx` as StatusClass;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];
  const name = (n: string) => `${METRIC_PREFIX}${n}`;

  const operationsAccepted = new Counter({
    name: name('operations_accepted_total'),
    help: 'Operations the intake accepted (202).',
    labelNames: ['operation_type'] as const,
    registers,
  });
  const operationsRejected = new Counter({
    name: name('operations_rejected_total'),
    help: 'Operation requests the intake refused, by reason.',
    labelNames: ['reason'] as const,
    registers,
  });
  const operationsFinished = new Counter({
    name: name('operations_finished_total'),
    help: 'Operations whose result Director acknowledged.',
    labelNames: ['operation_type', 'outcome'] as const,
    registers,
  });
  const operationDuration = new Histogram({
    name: name('operation_duration_seconds'),
    help: "Seconds from the intake's acceptance to Director's acknowledgement.",
    labelNames: ['operation_type', 'outcome'] as const,
    // Sync webhooks finish in well under a second; async ones may poll up to the 2 h default timeout.
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400],
    registers,
  });
  const webhookRequests = new Counter({
    name: name('webhook_requests_total'),
    help: 'Requests to external systems (webhook calls and status polls).',
    labelNames: ['kind', 'outcome', 'status_class'] as const,
    registers,
  });
  const requestBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];
  const webhookRequestDuration = new Histogram({
    name: name('webhook_request_duration_seconds'),
    help: 'Seconds a request to an external system took.',
    labelNames: ['kind', 'status_class'] as const,
    buckets: requestBuckets,
    registers,
  });
  const pollsPerOperation = new Histogram({
    name: name('polls_per_operation'),
    help: 'Status polls an operation needed before it finished.',
    labelNames: ['operation_type'] as const,
    buckets: [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers,
  });
  const pollLateness = new Histogram({
    name: name('poll_lateness_seconds'),
    help: 'Seconds from the due time of a poll to the moment it was sent.',
    // Fine at the low end: a healthy Redis (hz 100) and idle workers pick delayed jobs up within ms.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const directorRequests = new Counter({
    name: name('director_requests_total'),
    help: 'Requests to Director (application fetch and result finalization).',
    labelNames: ['call', 'outcome'] as const,
    registers,
  });
  const directorRequestDuration = new Histogram({
    name: name('director_request_duration_seconds'),
    help: 'Seconds a request to Director took.',
    labelNames: ['call'] as const,
    buckets: requestBuckets,
    registers,
  });
  const finalizeRetries = new Counter({
    name: name('finalize_retries_total'),
    help: 'Finalizations with Director scheduled again after a refusal or an error.',
    registers,
  });
  const stepOutcomes = new Counter({
    name: name('step_outcomes_total'),
    help: 'Outcomes of operation steps run by workers.',
    labelNames: ['step', 'outcome'] as const,
    registers,
  });

  // Every label combination starts at 0, so rate() and increase() see the first event of each.
  for (const t of OPERATION_TYPES) {
    operationsAccepted.inc({ operation_type: t }, 0);
    for (const o of FINISH_OUTCOMES) operationsFinished.inc({ operation_type: t, outcome: o }, 0);
  }
  for (const r of RejectReasons) operationsRejected.inc({ reason: r }, 0);
  for (const k of WEBHOOK_KINDS)
    for (const o of WEBHOOK_OUTCOMES)
      for (const s of STATUS_CLASSES) webhookRequests.inc({ kind: k, outcome: o, status_class: s }, 0);
  for (const c of DIRECTOR_CALLS)
    for (const o of DIRECTOR_OUTCOMES) directorRequests.inc({ call: c, outcome: o }, 0);
  for (const s of STEP_NAMES) for (const o of STEP_OUTCOMES) stepOutcomes.inc({ step: s, outcome: o }, 0);

  const queueSource: QueueSource = { queue: null, timeoutMs: QUEUE_SCRAPE_TIMEOUT_MS };
  declareQueueGauges(registry, queueSource, METRIC_PREFIX);

  return {
    registry,
    operationsAccepted,
    operationsRejected,
    operationsFinished,
    operationDuration,
    webhookRequests,
    webhookRequestDuration,
    pollsPerOperation,
    pollLateness,
    directorRequests,
    directorRequestDuration,
    finalizeRetries,
    stepOutcomes,
    queueSource,
  };
}

/**
 * Makes the queue gauges read `queue` on every scrape. Pass a queue on a fail-fast (producer) connection:
 * a worker connection queues commands while Redis is down, and the timeout would leave them piling up.
 */
export function registerQueueMetrics(
  metrics: Metrics,
  queue: SnapshotQueue,
  timeoutMs = QUEUE_SCRAPE_TIMEOUT_MS,
): void {
  metrics.queueSource.queue = queue;
  metrics.queueSource.timeoutMs = timeoutMs;
}
