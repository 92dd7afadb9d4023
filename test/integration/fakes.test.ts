import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_QUERY } from '../../src/director/application-query.js';
import { type DirectorFake, startDirectorFake } from '../fakes/director-fake.js';
import { type ExternalSystemFake, startExternalSystemFake } from '../fakes/external-system-fake.js';
import { application, asyncWebhook, withBasicAuth, withOAuth } from '../fakes/webhook-presets.js';

const APP_ID = '3e6a1f0e-5d1c-4a7e-9b0a-2f6c1d9e8a01';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function director(token?: string): Promise<DirectorFake> {
  const fake = await startDirectorFake(token !== undefined ? { token } : {});
  closers.push(fake.close);
  return fake;
}

async function system(
  options: Parameters<typeof startExternalSystemFake>[0] = {},
): Promise<ExternalSystemFake> {
  const fake = await startExternalSystemFake(options);
  closers.push(fake.close);
  return fake;
}

const postGraphql = (fake: DirectorFake, query: string, variables: unknown = {}) =>
  fetch(fake.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });

const putOperation = (fake: DirectorFake, body: string, method = 'PUT') =>
  fetch(fake.operationUrl, { method, headers: { 'content-type': 'application/json' }, body });

// biome-ignore lint/suspicious/noExplicitAny: the tests inspect arbitrary JSON answers of the fakes
const readJson = async (res: Response): Promise<any> => res.json();

const validResult = { operation_type: 'Delete', resource_type: 'application', resource_id: APP_ID };

describe('Director fake: GraphQL over the real schema', () => {
  it('answers the application query with seeded webhooks and credentials told apart by __typename', async () => {
    const fake = await director();
    const hook = withOAuth(asyncWebhook('http://system'), 'http://system/token', 'id', 'secret');
    fake.addApplication(
      application(APP_ID, [withBasicAuth(asyncWebhook('http://system', { id: 'w2' }), 'u', 'p'), hook]),
    );

    const res = await postGraphql(fake, APPLICATION_QUERY, { id: APP_ID });
    const json = await readJson(res);

    expect(res.status).toBe(200);
    expect(json.errors).toBeUndefined();
    expect(json.data.application.id).toBe(APP_ID);
    expect(
      json.data.application.webhooks.map(
        (w: { auth: { credential: { __typename: string } } }) => w.auth.credential.__typename,
      ),
    ).toEqual(['BasicCredentialData', 'OAuthCredentialData']);
  });

  it('answers application: null for an unknown ID', async () => {
    const fake = await director();
    const json = await readJson(await postGraphql(fake, APPLICATION_QUERY, { id: APP_ID }));
    expect(json.data.application).toBeNull();
  });

  it('rejects a query that does not validate against Director’s schema', async () => {
    const fake = await director();
    const res = await postGraphql(fake, `{ application(id: "${APP_ID}") { id group } }`);
    const json = await readJson(res);

    expect(res.status).toBe(422);
    expect(json.errors[0].message).toContain('Cannot query field "group" on type "Application"');
    expect(fake.graphqlRequests()[0]?.status).toBe(422);
  });

  it('fails the next fetches as scripted, then answers normally', async () => {
    const fake = await director();
    fake.failNextFetches(1, 'graphql-error');
    const first = await readJson(await postGraphql(fake, APPLICATION_QUERY, { id: APP_ID }));
    fake.failNextFetches(1, 'http-500');
    const second = await postGraphql(fake, APPLICATION_QUERY, { id: APP_ID });
    const third = await readJson(await postGraphql(fake, APPLICATION_QUERY, { id: APP_ID }));

    expect(first.errors).toHaveLength(1);
    expect(second.status).toBe(500);
    expect(third).toEqual({ data: { application: null } });
  });

  it('requires the bearer token when one is configured', async () => {
    const fake = await director('director-token');
    const denied = await postGraphql(fake, APPLICATION_QUERY, { id: APP_ID });
    const allowed = await fetch(fake.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer director-token' },
      body: JSON.stringify({ query: APPLICATION_QUERY, variables: { id: APP_ID } }),
    });
    expect(denied.status).toBe(401);
    expect(allowed.status).toBe(200);
  });
});

describe('Director fake: PUT /operation validates as Director does', () => {
  it('accepts a valid result, records it and deletes the application on a successful Delete', async () => {
    const fake = await director();
    fake.addApplication(application(APP_ID, []));
    const res = await putOperation(
      fake,
      JSON.stringify({ ...validResult, operation_category: 'unregisterApplication' }),
    );

    expect(res.status).toBe(200);
    expect(fake.acceptedFinalizations()[0]?.body).toEqual({
      ...validResult,
      operation_category: 'unregisterApplication',
    });
    expect(fake.hasApplication(APP_ID)).toBe(false);
  });

  it('keeps the application when a Delete reports an error', async () => {
    const fake = await director();
    fake.addApplication(application(APP_ID, []));
    await putOperation(fake, JSON.stringify({ ...validResult, error: 'webhook timeout reached' }));
    expect(fake.hasApplication(APP_ID)).toBe(true);
  });

  it.each([
    ['{}', 'Invalid operation properties: operation_type: cannot be blank; resource_type: cannot be blank.'],
    [JSON.stringify({ ...validResult, resource_id: 'not-a-uuid' }), 'resource_id: must be a valid UUID'],
    [
      JSON.stringify({ ...validResult, resource_id: APP_ID.toUpperCase() }),
      'resource_id: must be a valid UUID',
    ],
    [JSON.stringify({ ...validResult, operation_type: 'DELETE' }), 'operation_type: must be a valid value'],
    [JSON.stringify({ ...validResult, resource_type: 'runtime' }), 'resource_type: must be a valid value'],
  ])('answers 400 Invalid data for %s', async (body, reason) => {
    const fake = await director();
    const res = await putOperation(fake, body);
    const json = await readJson(res);

    expect(res.status).toBe(400);
    expect(json.errors[0].message).toContain(reason);
    expect(json.errors[0].extensions).toEqual({ error_code: 22, error: 'InvalidData' });
    expect(fake.finalizations()[0]).toMatchObject({ status: 400, accepted: false });
  });

  it.each([['{"resource_id": 1}'], ['not json'], ['[]']])(
    'answers 400 "Unable to decode body to JSON" for %s',
    async (body) => {
      const fake = await director();
      const res = await putOperation(fake, body);
      expect(res.status).toBe(400);
      expect((await readJson(res)).errors[0].message).toBe(
        'Internal Server Error: Unable to decode body to JSON',
      );
    },
  );

  it('matches keys case-insensitively as Go does', async () => {
    const fake = await director();
    const res = await putOperation(
      fake,
      JSON.stringify({ Operation_Type: 'Update', RESOURCE_TYPE: 'application', resource_id: APP_ID }),
    );
    expect(res.status).toBe(200);
  });

  it('answers 405 to other methods', async () => {
    const fake = await director();
    const res = await putOperation(fake, JSON.stringify(validResult), 'POST');
    expect(res.status).toBe(405);
  });

  it('fails the next finalizations as scripted without applying them', async () => {
    const fake = await director();
    fake.addApplication(application(APP_ID, []));
    fake.failNextFinalizations(2, 503);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await putOperation(fake, JSON.stringify(validResult))).status);

    expect(statuses).toEqual([503, 503, 200]);
    expect(fake.finalizations().map((f) => f.accepted)).toEqual([false, false, true]);
  });
});

describe('external system fake', () => {
  it('answers a route from its script, repeating the last answer, and records requests', async () => {
    const fake = await system();
    fake.route('GET', '/op', [
      { status: 200, body: { status: 'IN_PROGRESS' } },
      { status: 200, body: { status: 'SUCCEEDED' }, headers: { 'x-extra': 'yes' } },
    ]);
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(await readJson(await fetch(`${fake.url}/op`)));

    expect(bodies.map((b) => b.status)).toEqual(['IN_PROGRESS', 'SUCCEEDED', 'SUCCEEDED']);
    expect(fake.requests({ method: 'GET', path: '/op' })).toHaveLength(3);
    expect((await fetch(`${fake.url}/unknown`)).status).toBe(404);
  });

  it('requires Basic credentials in the Basic variant', async () => {
    const fake = await system({ auth: { kind: 'basic', username: 'u', password: 'p' } });
    fake.route('GET', '/x', [{ status: 200 }]);
    const denied = await fetch(`${fake.url}/x`);
    const allowed = await fetch(`${fake.url}/x`, { headers: { authorization: `Basic ${btoa('u:p')}` } });
    expect([denied.status, allowed.status]).toEqual([401, 200]);
  });

  it('issues tokens for client credentials and accepts only issued, unrevoked ones', async () => {
    const fake = await system({ auth: { kind: 'oauth', clientId: 'c', clientSecret: 's' } });
    fake.route('GET', '/x', [{ status: 200 }]);
    const tokenRes = await fetch(fake.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('c:s')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token, expires_in } = await readJson(tokenRes);
    const bearer = { authorization: `Bearer ${access_token}` };

    expect(expires_in).toBe(3600);
    expect((await fetch(`${fake.url}/x`, { headers: bearer })).status).toBe(200);
    fake.revokeTokens();
    expect((await fetch(`${fake.url}/x`, { headers: bearer })).status).toBe(401);
    expect(fake.issuedTokens()).toBe(1);
  });

  it('refuses a client without a certificate in the mTLS variant', async () => {
    const fake = await system({ auth: { kind: 'mtls' } });
    expect(fake.url.startsWith('https://')).toBe(true);
    expect(fake.ca).toContain('BEGIN CERTIFICATE');
    await expect(fetch(`${fake.url}/x`)).rejects.toThrow();
  });
});
