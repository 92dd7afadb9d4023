import { RetryableError } from '../../errors.js';
import type { OperationEvent } from '../../operations/operation.js';
import { renderStatusTemplate } from '../../webhooks/render.js';
import { toResponseObject } from '../../webhooks/response-object.js';
import type { Outcome } from '../outcome.js';
import type { OperationView, StepContext } from '../step-context.js';
import { beginWebhookStep } from './load-webhook.js';
import { webhookHeaders } from './request-headers.js';
import { elapsedMs, pollIntervalMs, transientFailure } from './step-helpers.js';

/** Asks the external system how the operation goes, by the status template (CONTRACT.md 5). */
export async function pollStep(op: OperationView, ctx: StepContext): Promise<Outcome> {
  const start = await beginWebhookStep(op, ctx);
  if (!start.ok) return start.outcome;
  const { webhook, events, deadlineAt } = start;
  const pollUrl = op.job.state.pollUrl;
  if (!pollUrl || !webhook.statusTemplate) {
    const error = !pollUrl ? 'missing poll url' : 'missing status template';
    return { kind: 'finish', error, notifyDirector: true, state: op.job.state, events };
  }

  const started = ctx.clock.now().getTime();
  const polledAt = ctx.clock.now().toISOString();
  const event: OperationEvent = { at: polledAt, kind: 'webhook_poll', outcome: 'error' };
  if (op.job.state.dueAt) event.lateness_ms = Math.max(0, started - op.job.state.dueAt);
  events.push(event);
  const retriesCount = op.job.state.retriesCount ?? 0;
  const progress = {
    webhook_id: webhook.id,
    state: 'IN_PROGRESS' as const,
    retries_count: retriesCount,
    webhook_poll_url: pollUrl,
    last_poll_timestamp: polledAt,
  };
  try {
    const response = await ctx.webhooks.send({
      method: 'GET',
      url: pollUrl,
      headers: webhookHeaders(op, webhook),
      webhook,
    });
    event.http_status = response.statusCode;
    event.duration_ms = elapsedMs(ctx, started);
    const status = renderStatusTemplate(
      webhook.statusTemplate,
      toResponseObject(response.headers, response.body),
    );
    const problems: string[] = [];
    if (response.statusCode !== status.success_status_code) {
      problems.push(
        `response success status code was not met - expected success status code '${status.success_status_code}', got '${response.statusCode}'`,
      );
    }
    if (status.error) problems.push(`received error while polling external system: ${status.error}`);
    if (problems.length > 0) throw new RetryableError('WEBHOOK_POLL_FAILED', problems.join('; '));

    switch (status.status) {
      case status.in_progress_status_identifier: {
        event.outcome = 'in_progress';
        const next = retriesCount + 1;
        return {
          kind: 'wait',
          delayMs: pollIntervalMs(ctx, webhook.retryInterval),
          state: { ...op.job.state, retriesCount: next, attempt: 0, lastError: null },
          events,
          progress: { last_error: null, webhook: { ...progress, retries_count: next } },
        };
      }
      case status.success_status_identifier:
        event.outcome = 'success';
        return finish(op, events, null, { ...progress, state: 'SUCCEEDED' });
      case status.failed_status_identifier:
        event.outcome = 'failed';
        return finish(op, events, 'webhook operation has finished with failed status', {
          ...progress,
          state: 'FAILED',
        });
      default:
        event.outcome = 'unexpected';
        return finish(op, events, `unexpected poll status response: ${status.status}`, {
          ...progress,
          state: 'FAILED',
        });
    }
  } catch (err) {
    event.duration_ms ??= elapsedMs(ctx, started);
    event.error = (err as Error).message;
    const outcome = transientFailure(
      op,
      ctx,
      err,
      deadlineAt,
      events,
      pollIntervalMs(ctx, webhook.retryInterval) / 1000,
    );
    return { ...outcome, progress: { ...outcome.progress, webhook: { ...progress, state: 'RETRYABLE' } } };
  }
}

function finish(
  op: OperationView,
  events: OperationEvent[],
  error: string | null,
  webhook: NonNullable<OperationView['record']['webhook']>,
): Outcome {
  return { kind: 'finish', error, notifyDirector: true, state: op.job.state, events, progress: { webhook } };
}
