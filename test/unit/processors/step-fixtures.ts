import type { DirectorApplication, DirectorWebhook } from '../../../src/director/director-application.js';
import type { DirectorClient, DirectorOperationResult } from '../../../src/director/director-client.js';
import { RetryableError } from '../../../src/errors.js';
import type { OutboundResponse } from '../../../src/http/outbound-client.js';
import type { OperationRecord } from '../../../src/operations/operation.js';
import type { JobState } from '../../../src/processors/operation-state.js';
import type { OperationView, StepContext } from '../../../src/processors/step-context.js';
import type { WebhookClient, WebhookRequest } from '../../../src/webhooks/webhook-client.js';
import { application, asyncWebhook, syncWebhook } from '../../fakes/webhook-presets.js';

export const ACCEPTED_AT = Date.parse('2026-01-01T00:00:00Z');
export const APP_ID = '3a7b9f4e-5c1d-4e2f-9a8b-7c6d5e4f3a2b';

/** A fixed clock that tests move by hand. */
export function fixedClock(ms = ACCEPTED_AT + 1000) {
  let now = ms;
  return { now: () => new Date(now), set: (next: number) => (now = next) };
}

/** Director and webhook clients as plain scripted objects: steps are unit-tested without HTTP. */
export function context(options: {
  app?: DirectorApplication | null | Error;
  responses?: (OutboundResponse | Error)[];
  finalize?: Error;
  now?: number;
}) {
  const clock = fixedClock(options.now);
  const sent: WebhookRequest[] = [];
  const finalized: DirectorOperationResult[] = [];
  const responses = [...(options.responses ?? [])];
  const director: DirectorClient = {
    async fetchApplication() {
      if (options.app instanceof Error) throw options.app;
      return options.app === undefined
        ? application(APP_ID, [syncWebhook('http://x', { id: 'wh' })])
        : options.app;
    },
    async finalize(result) {
      if (options.finalize) throw options.finalize;
      finalized.push(result);
      return { statusCode: 200, durationMs: 1 };
    },
  };
  const webhooks: WebhookClient = {
    async send(req) {
      sent.push(req);
      const next = responses.length > 1 ? responses.shift() : responses[0];
      if (next === undefined) throw new Error('no scripted response');
      if (next instanceof Error) throw next;
      return next;
    },
  };
  const ctx: StepContext = {
    director,
    webhooks,
    clock,
    settings: {
      defaultTimeoutSeconds: 60,
      defaultPollIntervalSeconds: 10,
      retryMaxBackoffSeconds: 8,
      finalizeMaxBackoffSeconds: 300,
    },
  };
  return { ctx, clock, sent, finalized };
}

export function response(
  statusCode: number,
  body: unknown = {},
  headers: Record<string, string> = {},
): OutboundResponse {
  return { statusCode, headers, body: typeof body === 'string' ? body : JSON.stringify(body), durationMs: 2 };
}

export const networkError = () =>
  new RetryableError('HTTP_NETWORK_ERROR', 'DELETE http://x/hook: connect ECONNREFUSED');

export function view(options: {
  step?: OperationView['job']['step'];
  state?: JobState;
  category?: 'unregisterApplication' | 'unpairApplication';
  webhookIds?: string[];
}): OperationView {
  const unpair = options.category === 'unpairApplication';
  const record: OperationRecord = {
    operation_id: 'op-1',
    operation_type: unpair ? 'Update' : 'Delete',
    operation_category: options.category ?? 'unregisterApplication',
    resource_type: 'application',
    resource_id: APP_ID,
    correlation_id: 'corr-1',
    webhook_ids: options.webhookIds ?? ['wh'],
    request_object: { Application: { id: APP_ID, name: 'app' }, TenantID: 'tenant' },
    status: 'IN_PROGRESS',
    error: null,
    step: options.step ?? 'fetch',
    last_error: null,
    webhook: null,
    created_at: new Date(ACCEPTED_AT).toISOString(),
    updated_at: new Date(ACCEPTED_AT).toISOString(),
    finished_at: null,
  };
  return {
    job: {
      operationId: 'op-1',
      applicationId: APP_ID,
      step: options.step ?? 'fetch',
      acceptedAt: ACCEPTED_AT,
      state: options.state ?? {},
    },
    record,
    requestObject: { ...record.request_object, Headers: { Client_user: 'alice' } },
  };
}

export function withWebhook(webhook: DirectorWebhook): DirectorApplication {
  return application(APP_ID, [webhook]);
}

export const asyncHook = (overrides: Partial<DirectorWebhook> = {}) =>
  asyncWebhook('http://x', { id: 'wh', overrides: { retryInterval: 5, timeout: 100, ...overrides } });
export const syncHook = (overrides: Partial<DirectorWebhook> = {}) =>
  syncWebhook('http://x', { id: 'wh', overrides });
