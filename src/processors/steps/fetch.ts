import type { Outcome } from '../outcome.js';
import type { OperationView, StepContext } from '../step-context.js';
import { loadWebhook } from './load-webhook.js';
import { deadlineOf } from './step-helpers.js';

const SUPPORTED_MODES = new Set(['SYNC', 'ASYNC']);

/**
 * Fetches the application and checks that its webhook can be run at all, before anything is sent to the
 * external system. Fixes the operation's deadline from the webhook's timeout.
 */
export async function fetchStep(op: OperationView, ctx: StepContext): Promise<Outcome> {
  const loaded = await loadWebhook(op, ctx, deadlineOf(op, ctx));
  if (!loaded.ok) return loaded.outcome;
  const { webhook, application, events } = loaded;
  const mode = webhook.mode ?? 'SYNC';
  if (!SUPPORTED_MODES.has(mode)) {
    return {
      kind: 'finish',
      error: `unsupported webhook mode: ${mode}`,
      notifyDirector: true,
      state: op.job.state,
      events,
    };
  }
  const deadlineAt = op.job.acceptedAt + (webhook.timeout ?? ctx.settings.defaultTimeoutSeconds) * 1000;
  return {
    kind: 'next',
    step: 'call',
    application,
    state: {
      ...op.job.state,
      webhookId: webhook.id,
      deadlineAt,
      attempt: 0,
      retriesCount: 0,
      lastError: null,
    },
    events,
    progress: {
      webhook: {
        webhook_id: webhook.id,
        state: 'IN_PROGRESS',
        retries_count: 0,
        webhook_poll_url: null,
        last_poll_timestamp: null,
      },
    },
  };
}
