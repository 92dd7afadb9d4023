import { errorMessage, PermanentError } from '../../errors.js';
import type { OperationEvent } from '../../operations/operation.js';
import { backoffMs } from '../backoff.js';
import type { Outcome } from '../outcome.js';
import type { OperationView, StepContext } from '../step-context.js';

export const TIMEOUT_PREFIX = 'webhook timeout reached';

export function elapsedMs(ctx: StepContext, startedMs: number): number {
  return ctx.clock.now().getTime() - startedMs;
}

/** The operation's deadline, measured from its acceptance (not from the step). */
export function deadlineOf(op: OperationView, ctx: StepContext, timeoutSeconds?: number | null): number {
  return (
    op.job.state.deadlineAt ??
    op.job.acceptedAt + (timeoutSeconds ?? ctx.settings.defaultTimeoutSeconds) * 1000
  );
}

/** When the deadline has passed: the failure to report, naming the last error when there was one. */
export function timeoutOutcome(op: OperationView, ctx: StepContext, deadlineAt: number): Outcome | null {
  if (ctx.clock.now().getTime() < deadlineAt) return null;
  const reason =
    op.job.state.lastError ?? (op.job.step === 'poll' ? 'polling time has expired' : 'no answer in time');
  return { kind: 'finish', error: `${TIMEOUT_PREFIX}: ${reason}`, notifyDirector: true, state: op.job.state };
}

/**
 * A transient failure: try the same step again after a capped exponential backoff, but never past the
 * operation's deadline (the step then reports the timeout with this error). Permanent errors end the
 * operation at once with their message.
 */
export function transientFailure(
  op: OperationView,
  ctx: StepContext,
  err: unknown,
  deadlineAt: number,
  events: OperationEvent[] = [],
  floorSeconds = 1,
): Outcome {
  const message = errorMessage(err);
  if (err instanceof PermanentError) {
    return { kind: 'finish', error: message, notifyDirector: true, state: op.job.state, events };
  }
  const attempt = (op.job.state.attempt ?? 0) + 1;
  const untilDeadline = Math.max(1000, deadlineAt - ctx.clock.now().getTime());
  const delayMs = Math.min(
    backoffMs(attempt - 1, ctx.settings.retryMaxBackoffSeconds, floorSeconds),
    untilDeadline,
  );
  return {
    kind: 'retry',
    delayMs,
    error: message,
    state: { ...op.job.state, attempt, lastError: message },
    events,
    progress: { last_error: message },
  };
}

/** The webhook's poll interval in ms. */
export function pollIntervalMs(ctx: StepContext, retryInterval: number | null): number {
  return (retryInterval ?? ctx.settings.defaultPollIntervalSeconds) * 1000;
}
