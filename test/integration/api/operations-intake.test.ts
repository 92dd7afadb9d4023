import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiHarness, auth, operationBody, startApi } from '../../support/api-harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApi(inject('redisUrl'));
});
afterAll(async () => {
  await h.close();
});

function post(payload: unknown, headers: Record<string, string> = auth) {
  return h.app.inject({ method: 'POST', url: '/v1/operations', headers, payload: payload as object });
}

describe('POST /v1/operations', () => {
  it('accepts an unregister with 202, a Location header and a stored IN_PROGRESS record', async () => {
    const body = operationBody();
    const res = await post(body);
    expect(res.statusCode).toBe(202);
    const json = res.json();
    expect(json).toEqual({
      operation_id: expect.any(String),
      status: 'IN_PROGRESS',
      location: `/v1/operations/${json.operation_id}`,
    });
    expect(res.headers.location).toBe(json.location);

    const job = await h.queue.getJob(body.resource_id as string);
    expect(job?.data).toMatchObject({
      operationId: json.operation_id,
      applicationId: body.resource_id,
      step: 'fetch',
    });
    expect(JSON.stringify(job?.data)).not.toContain('alice');
  });

  it('accepts an unpair and the request object as an object', async () => {
    const id = randomUUID();
    const res = await post(
      operationBody({
        resource_id: id,
        operation_type: 'Update',
        operation_category: 'unpairApplication',
        request_object: { Application: { id, name: 'x' }, TenantID: 't' },
        webhook_ids: [],
        correlation_id: undefined,
      }),
    );
    expect(res.statusCode).toBe(202);
  });

  it('refuses a second operation for the same application while the first is in progress', async () => {
    const body = operationBody();
    const first = (await post(body)).json();
    const second = await post({ ...body, operation_type: 'Update', operation_category: 'unpairApplication' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({
      error: {
        code: 'OPERATION_IN_PROGRESS',
        message: `an operation for application ${body.resource_id} is in progress`,
        operation_id: first.operation_id,
        location: first.location,
      },
    });
    // The refused request left no trace in the application's history.
    const history = await h.app.inject({
      url: `/v1/applications/${body.resource_id}/operations`,
      headers: auth,
    });
    expect(history.json().items.map((o: { operation_id: string }) => o.operation_id)).toEqual([
      first.operation_id,
    ]);
  });

  const badBodies: [string, Record<string, unknown>, RegExp][] = [
    ['a resource_id that is not a UUID', { resource_id: 'not-a-uuid' }, /body\.resource_id must be a UUID/],
    ['a resource_type other than application', { resource_type: 'runtime' }, /resource_type/],
    ['an unknown operation_type', { operation_type: 'Create' }, /operation_type/],
    [
      'a type and category that do not go together',
      { operation_type: 'Delete', operation_category: 'unpairApplication' },
      /operation_type Delete does not go with operation_category unpairApplication/,
    ],
    ['two webhook IDs', { webhook_ids: ['a', 'b'] }, /^expected 0 or 1 webhook for execution, found: 2$/],
    [
      'a request_object that is not JSON',
      { request_object: '{"Application":' },
      /request_object is not valid JSON/,
    ],
    [
      'a request_object of the wrong shape',
      { request_object: '{"Application":{"id":"a"},"TenantID":"t"}' },
      /request_object/,
    ],
    [
      'a request_object with a prototype-poisoning key',
      { request_object: '{"__proto__":{"x":1},"Application":{"id":"a","name":"n"},"TenantID":"t"}' },
      /forbidden prototype property/,
    ],
    ['a correlation_id with control characters', { correlation_id: 'a\nb' }, /correlation_id/],
    ['a correlation_id that is too long', { correlation_id: 'x'.repeat(257) }, /correlation_id/],
    ['an unknown field', { priority: 1 }, /unknown field "priority"/],
    ['a missing field', { resource_id: undefined }, /missing the required field "resource_id"/],
  ];
  for (const [what, overrides, message] of badBodies) {
    it(`answers 400 VALIDATION_FAILED for ${what} and stores nothing`, async () => {
      const body = operationBody(overrides);
      const res = await post(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toMatch(message);
      if (typeof body.resource_id === 'string')
        expect(await h.queue.getJob(body.resource_id)).toBeUndefined();
    });
  }

  it('answers 400 for a prototype-poisoned JSON body', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: `{"__proto__":{"polluted":true},${JSON.stringify(operationBody()).slice(1)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error, res.body).toMatchObject({ code: 'FORBIDDEN_KEY' });
  });

  it('answers 400 INVALID_JSON for a body that is not JSON', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"operation_type": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const res = await post(operationBody({ correlation_id: 'x'.repeat(70 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('answers 415 for a body that is not JSON by content type', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: { ...auth, 'content-type': 'text/plain' },
      payload: JSON.stringify(operationBody()),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 401 without a token, with a wrong token and with another scheme', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Basic ${auth.authorization}` },
    ]) {
      const res = await post(operationBody(), headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });
});

describe('GET /v1/operations/:operationId', () => {
  it('serves the operation without the request headers', async () => {
    const body = operationBody();
    const { operation_id } = (await post(body)).json();
    const res = await h.app.inject({ url: `/v1/operations/${operation_id}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const op = res.json();
    expect(op).toMatchObject({
      operation_id,
      operation_type: 'Delete',
      operation_category: 'unregisterApplication',
      resource_type: 'application',
      resource_id: body.resource_id,
      correlation_id: 'corr-1',
      webhook_ids: ['wh-1'],
      status: 'IN_PROGRESS',
      error: null,
      finished_at: null,
      webhook: null,
      events: [],
    });
    expect(op.request_object.Application.name).toBe('app-one');
    expect(op.request_object.Headers).toBeUndefined();
    expect(res.body).not.toContain('alice');
  });

  it('shows the webhook progress the worker writes', async () => {
    const { operation_id } = (await post(operationBody())).json();
    const stored = await h.store.get(operation_id);
    if (!stored) throw new Error('record missing');
    await h.store.save(
      {
        ...stored,
        step: 'poll',
        webhook: {
          webhook_id: 'wh-1',
          state: 'IN_PROGRESS',
          retries_count: 2,
          webhook_poll_url: 'http://x/op',
          last_poll_timestamp: '2026-01-01T00:00:00.000Z',
        },
      },
      [
        {
          at: 'now',
          kind: 'webhook_poll',
          outcome: 'in_progress',
          http_status: 200,
          duration_ms: 3,
        },
      ],
    );
    const op = (await h.app.inject({ url: `/v1/operations/${operation_id}`, headers: auth })).json();
    expect(op.step).toBe('poll');
    expect(op.webhook.retries_count).toBe(2);
    expect(op.events).toEqual([
      { at: 'now', kind: 'webhook_poll', outcome: 'in_progress', http_status: 200, duration_ms: 3 },
    ]);
  });

  it('answers 404 NOT_FOUND for an unknown operation', async () => {
    const res = await h.app.inject({ url: `/v1/operations/${randomUUID()}`, headers: auth });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('health', () => {
  it('serves /healthz and /readyz without a token', async () => {
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('publishes the OpenAPI document at /docs/json', async () => {
    const res = await h.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        '/v1/operations',
        '/v1/operations/{operationId}',
        '/v1/applications/{applicationId}/operations',
      ]),
    );
  });
});
