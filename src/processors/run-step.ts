import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Clock } from '../clock.js';
import type { DirectorApplication } from '../director/director-application.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { OperationStore } from '../operations/operation-store.js';
import { backoffMs } from './backoff.js';
import { type ParsedJobData, parseJobData } from './operation-state.js';
import type { Outcome, StepName } from './outcome.js';
import { recordOutcomeMetrics } from './outcome-metrics.js';
import { advanceRecord, nextStep } from './record-progress.js';
import type { OperationView, StepContext } from './step-context.js';
import { callStep } from './steps/call.js';
import { fetchStep } from './steps/fetch.js';
import { finalizeStep } from './steps/finalize.js';
import { pollStep } from './steps/poll.js';

const STEPS: Record<StepName, (op: OperationView, ctx: StepContext) => Promise<Outcome>> = {
  fetch: fetchStep,
  call: callStep,
  poll: pollStep,
  finalize: finalizeStep,
};

export interface RunnerDeps {
  readonly store: OperationStore;
  readonly ctx: StepContext;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: Clock;
}

/** Thrown for job data that cannot be an operation; BullMQ records it as failed, nothing to report. */
export class InvalidJobError extends UnrecoverableError {}

/**
 * The one adapter between steps and BullMQ. It runs steps back to back while they say `next`, saves
 * what they learned in the job before anything else happens (so a crash resumes from the last saved
 * step), and turns a wait or retry into a delayed job: save the data, move the job to delayed, throw
 * DelayedError, so no worker slot or lock is held while waiting.
 */
export async function processOperationJob(
  job: Job,
  token: string | undefined,
  deps: RunnerDeps,
): Promise<void> {
  const parsed = parseJobData(job.data);
  if ('error' in parsed) throw new InvalidJobError(parsed.error);
  let data: ParsedJobData = parsed;
  let record = await deps.store.get(data.operationId);
  const log = deps.logger.child({
    operation_id: data.operationId,
    application_id: data.applicationId,
    correlation_id: record?.correlation_id ?? null,
  });
  if (record === null) {
    // Only possible after the retention period or a manual deletion: nothing left to report on.
    log.error('operation record missing: dropping the job');
    return;
  }
  const requestObject = {
    ...record.request_object,
    Headers: await deps.store.getRequestHeaders(data.operationId),
  };
  // Idempotent: an intake that died between enqueueing and linking left the history without it.
  if (data.step === 'fetch') await deps.store.link(record);

  let application: DirectorApplication | undefined;
  for (;;) {
    if (data.step === 'done') return;
    const step: StepName = data.step;
    const now = deps.clock.now().getTime();
    if (step === 'poll') {
      if (data.state.dueAt) deps.metrics.pollLateness.observe(Math.max(0, now - data.state.dueAt) / 1000);
      data = { ...data, state: { ...data.state, polls: (data.state.polls ?? 0) + 1 } };
    }
    const view: OperationView = { job: data, record, requestObject, ...(application ? { application } : {}) };
    application = undefined;
    const outcome = await runGuarded(step, view, deps);
    recordOutcomeMetrics(deps.metrics, step, outcome);
    const wasInProgress = record.status === 'IN_PROGRESS';
    record = advanceRecord(record, step, outcome, deps.clock.now().toISOString());
    await deps.store.save(record, outcome.events);
    log.info(logFields(step, outcome), 'step finished');

    switch (outcome.kind) {
      case 'next':
        data = { ...data, step: outcome.step, state: outcome.state };
        application = outcome.application;
        await job.updateData(data);
        continue;
      case 'finish':
        data = {
          ...data,
          step: 'finalize',
          state: {
            ...outcome.state,
            attempt: 0,
            lastError: null,
            result: { error: outcome.error, notifyDirector: outcome.notifyDirector },
          },
        };
        await job.updateData(data);
        continue;
      case 'wait':
      case 'retry': {
        const dueAt = deps.clock.now().getTime() + outcome.delayMs;
        data = { ...data, step: nextStep(step, outcome), state: { ...outcome.state, dueAt } };
        await job.updateData(data);
        await job.moveToDelayed(dueAt, token);
        throw new DelayedError();
      }
      case 'done': {
        // A job rerun after a crash may finish a record that was already finished: count it once.
        if (!wasInProgress) return;
        const labels = {
          operation_type: record.operation_type,
          outcome: outcome.error ? 'failed' : 'succeeded',
        } as const;
        deps.metrics.operationsFinished.inc(labels);
        deps.metrics.operationDuration.observe(labels, (deps.clock.now().getTime() - data.acceptedAt) / 1000);
        deps.metrics.pollsPerOperation.observe(
          { operation_type: record.operation_type },
          data.state.polls ?? 0,
        );
        log.info({ status: record.status, error: outcome.error }, 'operation finished');
        return;
      }
    }
  }
}

/** A step that throws is a bug or an outage we did not classify: retried like a transient failure. */
async function runGuarded(step: StepName, op: OperationView, deps: RunnerDeps): Promise<Outcome> {
  try {
    return await STEPS[step](op, deps.ctx);
  } catch (err) {
    const attempt = (op.job.state.attempt ?? 0) + 1;
    const message = `unexpected error in step ${step}: ${errorMessage(err)}`;
    deps.logger.error({ err, operation_id: op.job.operationId, step }, 'step threw');
    return {
      kind: 'retry',
      delayMs: backoffMs(attempt - 1, deps.ctx.settings.retryMaxBackoffSeconds),
      error: message,
      state: { ...op.job.state, attempt, lastError: message },
      progress: { last_error: message },
    };
  }
}

function logFields(step: StepName, outcome: Outcome): Record<string, unknown> {
  const fields: Record<string, unknown> = { step, outcome: outcome.kind };
  if (outcome.kind === 'wait' || outcome.kind === 'retry') fields.delay_ms = outcome.delayMs;
  if (outcome.kind === 'retry') fields.error = outcome.error;
  if (outcome.kind === 'finish') fields.result_error = outcome.error;
  const last = outcome.events?.at(-1);
  if (last?.http_status !== undefined) fields.http_status = last.http_status;
  return fields;
}
