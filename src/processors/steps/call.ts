import type { DirectorWebhook } from '../../director/director-application.js';
import { PermanentError, RetryableError } from '../../errors.js';
import type { OperationEvent } from '../../operations/operation.js';
import { renderInputTemplate, renderOutputTemplate, renderUrlTemplate } from '../../webhooks/render.js';
import { toResponseObject } from '../../webhooks/response-object.js';
import type { Outcome } from '../outcome.js';
import type { OperationView, StepContext } from '../step-context.js';
import { beginWebhookStep } from './load-webhook.js';
import { webhookHeaders } from './request-headers.js';
import { elapsedMs, pollIntervalMs, transientFailure } from './step-helpers.js';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Calls the external system's webhook once and judges the answer by the output template (CONTRACT.md 4). */
export async function callStep(op: OperationView, ctx: StepContext): Promise<Outcome> {
  const start = await beginWebhookStep(op, ctx);
  if (!start.ok) return start.outcome;
  const { webhook, events, deadlineAt } = start;

  let request: ReturnType<typeof buildRequest>;
  try {
    request = buildRequest(op, webhook);
  } catch (err) {
    return transientFailure(op, ctx, err, deadlineAt, events);
  }

  const started = ctx.clock.now().getTime();
  const event: OperationEvent = { at: ctx.clock.now().toISOString(), kind: 'webhook_call', outcome: 'error' };
  events.push(event);
  try {
    const response = await ctx.webhooks.send({ ...request, webhook });
    event.http_status = response.statusCode;
    event.duration_ms = elapsedMs(ctx, started);
    const output = renderOutputTemplate(
      request.outputTemplate,
      toResponseObject(response.headers, response.body),
    );
    const mode = webhook.mode ?? 'SYNC';

    if (output.gone_status_code !== null && response.statusCode === output.gone_status_code) {
      event.outcome = 'gone';
      return finish(op, events, null);
    }
    if (mode === 'ASYNC' && !output.location) {
      throw new RetryableError('MISSING_LOCATION', 'missing location url after executing async webhook');
    }
    const incomplete =
      output.incomplete_status_code !== null && response.statusCode === output.incomplete_status_code;
    const problems: string[] = [];
    if (response.statusCode !== output.success_status_code && !incomplete) {
      const expected = `expected success status code '${output.success_status_code}'${
        output.incomplete_status_code !== null
          ? ` or incomplete status code '${output.incomplete_status_code}'`
          : ''
      }`;
      problems.push(`response success status code was not met - ${expected}, got '${response.statusCode}'`);
    }
    if (output.error) problems.push(`received error while calling external system: ${output.error}`);
    if (problems.length > 0) throw new RetryableError('WEBHOOK_CALL_FAILED', problems.join('; '));

    const interval = pollIntervalMs(ctx, webhook.retryInterval);
    if (mode === 'ASYNC') {
      event.outcome = 'in_progress';
      const pollUrl = output.location as string;
      return {
        kind: 'wait',
        step: 'poll',
        delayMs: interval,
        state: { ...op.job.state, pollUrl, attempt: 0, lastError: null },
        events,
        progress: { last_error: null, webhook: { ...progressOf(op, webhook), webhook_poll_url: pollUrl } },
      };
    }
    if (incomplete) {
      // A SYNC webhook that answers "incomplete" is asked again after its interval.
      event.outcome = 'in_progress';
      return {
        kind: 'wait',
        delayMs: interval,
        state: { ...op.job.state, attempt: 0, lastError: null },
        events,
      };
    }
    event.outcome = 'success';
    return finish(op, events, null);
  } catch (err) {
    event.duration_ms ??= elapsedMs(ctx, started);
    event.error = (err as Error).message;
    return transientFailure(op, ctx, err, deadlineAt, events);
  }
}

/** Renders everything the call needs before anything is sent: a bad template fails without a call. */
function buildRequest(op: OperationView, webhook: DirectorWebhook) {
  if (!webhook.outputTemplate) throw new PermanentError('MISSING_TEMPLATE', 'missing output template');
  if ((webhook.mode ?? 'SYNC') === 'ASYNC' && !webhook.statusTemplate) {
    throw new PermanentError('MISSING_TEMPLATE', 'missing status template');
  }
  let target: { method: string; url: string };
  if (webhook.urlTemplate) {
    const rendered = renderUrlTemplate(webhook.urlTemplate, op.requestObject);
    target = { method: rendered.method, url: rendered.path };
  } else if (webhook.url) {
    target = { method: 'GET', url: webhook.url };
  } else {
    throw new PermanentError('MISSING_URL', 'missing webhook url');
  }
  const body = webhook.inputTemplate
    ? renderInputTemplate(webhook.inputTemplate, op.requestObject)
    : METHODS_WITH_BODY.has(target.method)
      ? '{}'
      : undefined;
  const headers = webhookHeaders(op, webhook);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = ['application/json'];
  }
  return {
    ...target,
    headers,
    outputTemplate: webhook.outputTemplate,
    ...(body !== undefined ? { body } : {}),
  };
}

function progressOf(op: OperationView, webhook: DirectorWebhook) {
  return {
    webhook_id: webhook.id,
    state: 'IN_PROGRESS' as const,
    retries_count: op.job.state.retriesCount ?? 0,
    webhook_poll_url: op.job.state.pollUrl ?? null,
    last_poll_timestamp: op.record.webhook?.last_poll_timestamp ?? null,
  };
}

function finish(op: OperationView, events: OperationEvent[], error: string | null): Outcome {
  return { kind: 'finish', error, notifyDirector: true, state: op.job.state, events };
}
