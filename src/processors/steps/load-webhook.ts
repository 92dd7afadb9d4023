import type { DirectorApplication, DirectorWebhook } from '../../director/director-application.js';
import type { OperationEvent } from '../../operations/operation.js';
import type { Outcome } from '../outcome.js';
import { directorContext, isUnregister, type OperationView, type StepContext } from '../step-context.js';
import { deadlineOf, elapsedMs, timeoutOutcome, transientFailure } from './step-helpers.js';

export type LoadedWebhook =
  | { ok: true; webhook: DirectorWebhook; application: DirectorApplication; events: OperationEvent[] }
  | { ok: false; outcome: Outcome };

/**
 * Fetches the application and picks the operation's webhook. Fetched on every step rather than kept in
 * the job, so credentials never sit in Redis and a rotated credential is used at once (as the old
 * controller re-read the application on every reconcile).
 */
export async function loadWebhook(
  op: OperationView,
  ctx: StepContext,
  deadlineAt: number,
): Promise<LoadedWebhook> {
  if (op.application) return pickWebhook(op, op.application, []);
  const started = ctx.clock.now().getTime();
  let application: Awaited<ReturnType<typeof ctx.director.fetchApplication>>;
  try {
    application = await ctx.director.fetchApplication(op.job.applicationId, directorContext(op));
  } catch (err) {
    const event: OperationEvent = {
      at: ctx.clock.now().toISOString(),
      kind: 'director_fetch',
      outcome: 'error',
      duration_ms: elapsedMs(ctx, started),
      error: (err as Error).message,
    };
    return { ok: false, outcome: transientFailure(op, ctx, err, deadlineAt, [event]) };
  }
  const events: OperationEvent[] = [
    {
      at: ctx.clock.now().toISOString(),
      kind: 'director_fetch',
      outcome: application === null ? 'not_found' : 'ok',
      http_status: 200,
      duration_ms: elapsedMs(ctx, started),
    },
  ];
  return pickWebhook(op, application, events);
}

function pickWebhook(
  op: OperationView,
  application: DirectorApplication | null,
  events: OperationEvent[],
): LoadedWebhook {
  if (application === null) {
    // Unregister: nothing is left to delete, and Director has nothing to be told about.
    const error = isUnregister(op) ? null : 'Application not found in director';
    return {
      ok: false,
      outcome: { kind: 'finish', error, notifyDirector: false, state: op.job.state, events },
    };
  }
  const webhookId = op.job.state.webhookId ?? op.record.webhook_ids[0];
  if (webhookId === undefined) {
    // No webhook to run: the operation succeeds and Director is told so.
    return {
      ok: false,
      outcome: { kind: 'finish', error: null, notifyDirector: true, state: op.job.state, events },
    };
  }
  const webhook = application.webhooks.find((w) => w.id === webhookId);
  if (webhook === undefined) {
    const error = `missing webhook with ID: ${webhookId}`;
    return {
      ok: false,
      outcome: { kind: 'finish', error, notifyDirector: true, state: op.job.state, events },
    };
  }
  return { ok: true, webhook, application, events };
}

export type WebhookStepStart =
  | { ok: true; webhook: DirectorWebhook; events: OperationEvent[]; deadlineAt: number }
  | { ok: false; outcome: Outcome };

/** What the call and poll steps do first: stop at the deadline, else load the webhook. */
export async function beginWebhookStep(op: OperationView, ctx: StepContext): Promise<WebhookStepStart> {
  const deadlineAt = deadlineOf(op, ctx);
  const timedOut = timeoutOutcome(op, ctx, deadlineAt);
  if (timedOut) return { ok: false, outcome: timedOut };
  const loaded = await loadWebhook(op, ctx, deadlineAt);
  if (!loaded.ok) return loaded;
  return { ok: true, webhook: loaded.webhook, events: [...loaded.events], deadlineAt };
}
