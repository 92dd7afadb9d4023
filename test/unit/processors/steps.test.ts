import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../src/processors/backoff.js';
import { callStep } from '../../../src/processors/steps/call.js';
import { fetchStep } from '../../../src/processors/steps/fetch.js';
import { finalizeStep } from '../../../src/processors/steps/finalize.js';
import { pollStep } from '../../../src/processors/steps/poll.js';
import {
  ACCEPTED_AT,
  APP_ID,
  asyncHook,
  context,
  networkError,
  response,
  syncHook,
  view,
  withWebhook,
} from './step-fixtures.js';

describe('fetch step', () => {
  it('ends an unregister of an application Director does not know as a success, without telling Director', async () => {
    const { ctx } = context({ app: null });
    expect(await fetchStep(view({}), ctx)).toMatchObject({
      kind: 'finish',
      error: null,
      notifyDirector: false,
    });
  });

  it('fails an unpair of an application Director does not know, without telling Director', async () => {
    const { ctx } = context({ app: null });
    expect(await fetchStep(view({ category: 'unpairApplication' }), ctx)).toMatchObject({
      kind: 'finish',
      error: 'Application not found in director',
      notifyDirector: false,
    });
  });

  it('succeeds and tells Director when there is no webhook to run', async () => {
    const { ctx } = context({});
    expect(await fetchStep(view({ webhookIds: [] }), ctx)).toMatchObject({
      kind: 'finish',
      error: null,
      notifyDirector: true,
    });
  });

  it('fails with the contract messages for a missing webhook and an unsupported mode', async () => {
    expect(await fetchStep(view({ webhookIds: ['other'] }), context({}).ctx)).toMatchObject({
      kind: 'finish',
      error: 'missing webhook with ID: other',
    });
    const callback = context({ app: withWebhook(syncHook({ mode: 'ASYNC_CALLBACK' })) });
    expect(await fetchStep(view({}), callback.ctx)).toMatchObject({
      error: 'unsupported webhook mode: ASYNC_CALLBACK',
    });
  });

  it('goes on to call, with the deadline measured from acceptance by the webhook timeout', async () => {
    const { ctx } = context({ app: withWebhook(asyncHook({ timeout: 30 })) });
    const outcome = await fetchStep(view({}), ctx);
    expect(outcome).toMatchObject({
      kind: 'next',
      step: 'call',
      state: { webhookId: 'wh', deadlineAt: ACCEPTED_AT + 30_000 },
    });
    // The application travels to the next step in memory only.
    expect(outcome.kind === 'next' && outcome.application?.id).toBe(APP_ID);
  });

  it('retries when Director fails, instead of taking it for "not found"', async () => {
    const { ctx } = context({ app: new Error('DIRECTOR_UNAVAILABLE') });
    expect(await fetchStep(view({}), ctx)).toMatchObject({ kind: 'retry', delayMs: 1000 });
  });
});

describe('call step', () => {
  const callView = (state = {}) =>
    view({ step: 'call', state: { webhookId: 'wh', deadlineAt: ACCEPTED_AT + 100_000, ...state } });

  it('starts polling an ASYNC webhook after its retryInterval, at the location the output template names', async () => {
    const { ctx, sent } = context({ app: withWebhook(asyncHook()), responses: [response(200)] });
    const outcome = await callStep(callView(), ctx);
    expect(outcome).toMatchObject({
      kind: 'wait',
      step: 'poll',
      delayMs: 5000,
      state: { pollUrl: 'http://x/webhook/delete/operation' },
    });
    expect(sent[0]).toMatchObject({ method: 'DELETE', url: 'http://x/webhook/delete' });
    expect(sent[0]?.headers).toMatchObject({
      'User-Identity': ['alice'],
      'X-Correlation-Id': ['corr-1'],
      'X-Request-Id': ['corr-1'],
    });
  });

  it('ends a SYNC webhook on its success status', async () => {
    const { ctx } = context({ app: withWebhook(syncHook()), responses: [response(200)] });
    expect(await callStep(callView(), ctx)).toMatchObject({
      kind: 'finish',
      error: null,
      notifyDirector: true,
    });
  });

  it('backs off exponentially after transient errors, capped, and never past the deadline', async () => {
    const { ctx } = context({ app: withWebhook(syncHook()), responses: [networkError()] });
    const delays = [];
    for (const attempt of [0, 1, 2, 3, 4]) {
      const outcome = await callStep(callView({ attempt }), ctx);
      if (outcome.kind === 'retry') delays.push(outcome.delayMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    const nearDeadline = await callStep(
      callView({ attempt: 5, deadlineAt: ctx.clock.now().getTime() + 1500 }),
      ctx,
    );
    expect(nearDeadline).toMatchObject({ kind: 'retry', delayMs: 1500 });
  });

  it('reports the timeout with the last error once the deadline has passed, without calling again', async () => {
    const { ctx, sent } = context({
      app: withWebhook(syncHook()),
      responses: [response(200)],
      now: ACCEPTED_AT + 200_000,
    });
    expect(await callStep(callView({ lastError: 'boom' }), ctx)).toMatchObject({
      kind: 'finish',
      error: 'webhook timeout reached: boom',
    });
    expect(sent).toHaveLength(0);
  });

  it('fails at once on a template error, without calling the external system', async () => {
    const { ctx, sent } = context({
      app: withWebhook(syncHook({ inputTemplate: '{"g": "{{.Application.Group}}"}' })),
    });
    const outcome = await callStep(callView(), ctx);
    expect(outcome).toMatchObject({ kind: 'finish', notifyDirector: true });
    expect(outcome.kind === 'finish' && outcome.error).toMatch(/^input template: /);
    expect(sent).toHaveLength(0);
  });
});

describe('poll step', () => {
  const pollView = (state = {}) =>
    view({
      step: 'poll',
      state: {
        webhookId: 'wh',
        deadlineAt: ACCEPTED_AT + 100_000,
        pollUrl: 'http://x/op',
        retriesCount: 2,
        ...state,
      },
    });

  it('polls again after retryInterval while in progress, counting retries', async () => {
    const { ctx } = context({
      app: withWebhook(asyncHook()),
      responses: [response(200, { status: 'IN_PROGRESS' })],
    });
    expect(await pollStep(pollView(), ctx)).toMatchObject({
      kind: 'wait',
      delayMs: 5000,
      state: { retriesCount: 3 },
    });
  });

  it('ends on the success and failed identifiers, and fails an unknown status', async () => {
    const cases: [string, string | null][] = [
      ['SUCCEEDED', null],
      ['FAILED', 'webhook operation has finished with failed status'],
      ['PAUSED', 'unexpected poll status response: PAUSED'],
    ];
    for (const [status, error] of cases) {
      const { ctx } = context({ app: withWebhook(asyncHook()), responses: [response(200, { status })] });
      expect(await pollStep(pollView(), ctx)).toMatchObject({ kind: 'finish', error });
    }
  });

  it('retries a non-empty error no faster than the poll interval', async () => {
    const { ctx } = context({
      app: withWebhook(asyncHook()),
      responses: [response(200, { status: 'IN_PROGRESS', error: 'hiccup' })],
    });
    expect(await pollStep(pollView(), ctx)).toMatchObject({
      kind: 'retry',
      delayMs: 5000,
      error: 'received error while polling external system: hiccup',
    });
  });

  it('reports "polling time has expired" past the deadline', async () => {
    const { ctx } = context({ app: withWebhook(asyncHook()), now: ACCEPTED_AT + 200_000 });
    expect(await pollStep(pollView(), ctx)).toMatchObject({
      error: 'webhook timeout reached: polling time has expired',
    });
  });
});

describe('finalize step', () => {
  const finalView = (result: { error: string | null; notifyDirector: boolean }, attempt = 0) =>
    view({ step: 'finalize', state: { result, attempt } });

  it('reports the result to Director, without `error` on success', async () => {
    const { ctx, finalized } = context({});
    expect(await finalizeStep(finalView({ error: null, notifyDirector: true }), ctx)).toMatchObject({
      kind: 'done',
      error: null,
    });
    expect(finalized).toEqual([
      {
        operation_type: 'Delete',
        resource_type: 'application',
        resource_id: APP_ID,
        operation_category: 'unregisterApplication',
      },
    ]);
  });

  it('is done at once when Director is not to be told', async () => {
    const { ctx, finalized } = context({});
    expect(await finalizeStep(finalView({ error: 'x', notifyDirector: false }), ctx)).toEqual({
      kind: 'done',
      error: 'x',
    });
    expect(finalized).toHaveLength(0);
  });

  it('retries a refused report with backoff up to FINALIZE_MAX_BACKOFF_SECONDS, with no deadline', async () => {
    const { ctx } = context({ finalize: new Error('DIRECTOR_FINALIZE_REJECTED: 500') });
    expect(await finalizeStep(finalView({ error: 'e', notifyDirector: true }, 20), ctx)).toMatchObject({
      kind: 'retry',
      delayMs: 300_000,
    });
  });

  it('takes a retried successful unregister whose application is gone as already reported', async () => {
    const { ctx, finalized } = context({ app: null, finalize: new Error('would fail forever') });
    expect(await finalizeStep(finalView({ error: null, notifyDirector: true }, 1), ctx)).toEqual({
      kind: 'done',
      error: null,
    });
    expect(finalized).toHaveLength(0);
  });
});

describe('backoff', () => {
  it('doubles from 1 s, never below the floor nor above the cap', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffMs(a, 60))).toEqual([1000, 2000, 4000, 8000, 60_000]);
    expect(backoffMs(0, 60, 10)).toBe(10_000);
  });
});
