import { errorMessage } from '../../errors.js';
import type { OperationEvent } from '../../operations/operation.js';
import { backoffMs } from '../backoff.js';
import type { Outcome } from '../outcome.js';
import { directorContext, type OperationView, type StepContext } from '../step-context.js';
import { elapsedMs } from './step-helpers.js';

/**
 * Reports the result to Director until it answers 200, with capped backoff, for as long as it takes:
 * the operation is not over for its caller before Director has it. The webhook is never called again.
 */
export async function finalizeStep(op: OperationView, ctx: StepContext): Promise<Outcome> {
  const result = op.job.state.result ?? {
    error: 'operation reached finalize without a result',
    notifyDirector: true,
  };
  if (!result.notifyDirector) return { kind: 'done', error: result.error };
  if (await alreadyDeleted(op, ctx, result.error)) return { kind: 'done', error: result.error };
  const started = ctx.clock.now().getTime();
  const event: OperationEvent = {
    at: ctx.clock.now().toISOString(),
    kind: 'director_finalize',
    outcome: 'ok',
  };
  try {
    const { statusCode } = await ctx.director.finalize(
      {
        operation_type: op.record.operation_type,
        resource_type: 'application',
        resource_id: op.record.resource_id,
        operation_category: op.record.operation_category,
        ...(result.error ? { error: result.error } : {}),
      },
      directorContext(op),
    );
    event.http_status = statusCode;
    event.duration_ms = elapsedMs(ctx, started);
    return { kind: 'done', error: result.error, events: [event] };
  } catch (err) {
    const message = errorMessage(err);
    Object.assign(event, { outcome: 'error', error: message, duration_ms: elapsedMs(ctx, started) });
    const attempt = (op.job.state.attempt ?? 0) + 1;
    return {
      kind: 'retry',
      delayMs: backoffMs(attempt - 1, ctx.settings.finalizeMaxBackoffSeconds),
      error: message,
      state: { ...op.job.state, attempt, lastError: message },
      events: [event],
      progress: { last_error: message },
    };
  }
}

/**
 * A retried successful unregister whose earlier PUT Director did apply (only the answer was lost) would
 * be refused forever, because the application is gone. After a failed attempt, a missing application
 * means Director already has the result.
 */
async function alreadyDeleted(op: OperationView, ctx: StepContext, error: string | null): Promise<boolean> {
  if (error || op.record.operation_type !== 'Delete' || (op.job.state.attempt ?? 0) === 0) return false;
  try {
    return (await ctx.director.fetchApplication(op.job.applicationId, directorContext(op))) === null;
  } catch {
    return false;
  }
}
