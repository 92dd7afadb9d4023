import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OPERATION_JOB, OPERATIONS_QUEUE } from '../../src/queues/operations-queue.js';
import { type ApiHarness, auth, operationBody, startApi } from '../support/api-harness.js';

const USER = 'operator';
const PASSWORD = 'board-password-0123';
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const operator = basic(USER, PASSWORD);
const jobUrl = (jobId: string) => `/admin/queues/api/queues/${OPERATIONS_QUEUE}/${jobId}`;

describe('the board, read-only (the default)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi(inject('redisUrl'), { BOARD_USERNAME: USER, BOARD_PASSWORD: PASSWORD });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 401 with a Basic challenge without credentials or with wrong ones', async () => {
    for (const headers of [
      {},
      basic(USER, 'wrong'),
      basic('someone', PASSWORD),
      basic(USER, `${PASSWORD}x`),
      auth, // the intake's bearer token is not a board credential
      { authorization: 'Basic !!!' },
    ]) {
      for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
        const res = await h.app.inject({ url, headers });
        expect(res.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
      }
    }
  });

  it('serves the board and its API with the right credentials', async () => {
    const page = await h.app.inject({ url: '/admin/queues', headers: operator });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await h.app.inject({ url: '/admin/queues/api/queues', headers: operator });
    expect(api.statusCode).toBe(200);
    const queues = api.json().queues as { name: string; readOnlyMode: boolean }[];
    expect(queues.map((q) => [q.name, q.readOnlyMode])).toEqual([[OPERATIONS_QUEUE, true]]);
  });

  it('refuses every mutating board request with 403, even one the UI would never send', async () => {
    const applicationId = randomUUID();
    await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: auth,
      payload: operationBody({ resource_id: applicationId }),
    });
    for (const [method, url] of [
      ['PUT', `${jobUrl(applicationId)}/clean`],
      ['PUT', `${jobUrl(applicationId)}/promote`],
      ['PUT', `/admin/queues/api/queues/${OPERATIONS_QUEUE}/empty`],
      ['PUT', '/admin/queues/api/queues/pause'],
      ['PATCH', `${jobUrl(applicationId)}/update-data`],
      ['POST', `/admin/queues/api/queues/${OPERATIONS_QUEUE}/add`],
    ] as const) {
      const res = await h.app.inject({ method, url, headers: operator, payload: {} });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    // Unauthenticated writes learn nothing beyond 401.
    const anonymous = await h.app.inject({ method: 'PUT', url: `${jobUrl(applicationId)}/clean` });
    expect(anonymous.statusCode).toBe(401);
    expect(await h.queue.getJob(applicationId)).toBeDefined();
    expect(await h.queue.isPaused()).toBe(false);
  });

  it('shows job data with a link to the operation and never a secret, at any depth', async () => {
    const applicationId = randomUUID();
    const accepted = await h.app.inject({
      method: 'POST',
      url: '/v1/operations',
      headers: auth,
      payload: operationBody({ resource_id: applicationId }),
    });
    const operationId = accepted.json().operation_id as string;

    const res = await h.app.inject({ url: jobUrl(applicationId), headers: operator });
    expect(res.statusCode).toBe(200);
    const job = res.json().job;
    expect(job.id).toBe(applicationId);
    expect(job.data).toMatchObject({
      operation_url: `/v1/operations/${operationId}`,
      operationId,
      applicationId,
      step: 'fetch',
    });
    expect(job.name).toContain(`/v1/operations/${operationId}`);
    expect(job.externalUrl).toEqual({ href: `/v1/operations/${operationId}`, displayText: 'operation' });
    expect(res.body).not.toContain('alice'); // the request object's headers never reach a job

    // Job data holds no secrets by design; a job that did anyway is still shown redacted.
    const leakyId = randomUUID();
    await h.queue.add(
      OPERATION_JOB,
      {
        operationId: randomUUID(),
        applicationId: leakyId,
        step: 'poll',
        acceptedAt: Date.now(),
        state: {
          pollUrl: 'https://external.example/status/1',
          Headers: { 'X-Trace': ['1'] },
          auth: { credential: { username: 'u', password: 'p4ss' }, accessToken: 'tok-123' },
          list: [{ client_secret: 's3cret' }, { Authorization: 'Bearer abc' }],
        },
      },
      { jobId: leakyId },
    );
    const leaky = await h.app.inject({ url: jobUrl(leakyId), headers: operator });
    const data = leaky.json().job.data;
    expect(data.state).toEqual({
      pollUrl: 'https://external.example/status/1',
      Headers: '[REDACTED]',
      auth: { credential: '[REDACTED]', accessToken: '[REDACTED]' },
      list: [{ client_secret: '[REDACTED]' }, { Authorization: '[REDACTED]' }],
    });
    for (const secret of ['p4ss', 'tok-123', 's3cret', 'Bearer abc', 'X-Trace']) {
      expect(leaky.body).not.toContain(secret);
    }
    const listing = await h.app.inject({
      url: `/admin/queues/api/queues?activeQueue=${OPERATIONS_QUEUE}&status=latest`,
      headers: operator,
    });
    expect(listing.statusCode).toBe(200);
    expect(listing.body).toContain(`/v1/operations/${operationId}`);
    expect(listing.body).not.toContain('p4ss');
  });
});

describe('the board, writable (BOARD_READ_ONLY=false)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi(inject('redisUrl'), {
      BOARD_USERNAME: USER,
      BOARD_PASSWORD: PASSWORD,
      BOARD_READ_ONLY: 'false',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lets an operator act on the queue', async () => {
    const res = await h.app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/pause',
      headers: operator,
    });
    expect(res.statusCode).toBe(200);
    expect(await h.queue.isPaused()).toBe(true);
    await h.queue.resume();
  });
});

describe('without board credentials', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('does not mount the board', async () => {
    expect((await h.app.inject({ url: '/admin/queues' })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/admin/queues/api/queues', headers: operator })).statusCode).toBe(404);
  });
});
