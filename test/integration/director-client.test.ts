import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDirectorClient } from '../../src/director/director-client.js';
import { createTokenProvider, type TokenProvider } from '../../src/director/token-provider.js';
import { RetryableError } from '../../src/errors.js';
import { createOutboundClient } from '../../src/http/outbound-client.js';
import { startDirectorFake } from '../fakes/director-fake.js';
import { startExternalSystemFake } from '../fakes/external-system-fake.js';
import {
  application,
  asyncWebhook,
  syncWebhook,
  withBasicAuth,
  withOAuth,
} from '../fakes/webhook-presets.js';
import { rejection } from '../support/rejection.js';

const APP_ID = '6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8';
const TOKEN = 'director-secret-token-1234';
const TENANT = 'tenant-1';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { token?: TokenProvider; fakeToken?: string; timeoutSeconds?: number } = {}) {
  const fakeToken = 'fakeToken' in options ? options.fakeToken : TOKEN;
  const fake = await startDirectorFake(fakeToken !== undefined ? { token: fakeToken } : {});
  cleanups.push(fake.close);
  const http = createOutboundClient({
    timeoutSeconds: options.timeoutSeconds ?? 5,
    maxResponseBytes: 1 << 20,
  });
  cleanups.push(() => http.close());
  const client = createDirectorClient({
    http,
    graphqlUrl: fake.graphqlUrl,
    operationUrl: fake.operationUrl,
    token: options.token ?? createTokenProvider({ token: TOKEN, tokenFile: null }),
  });
  return { fake, client };
}

const ctx = { tenant: TENANT, correlationId: 'corr-1' };

describe('DirectorClient.fetchApplication', () => {
  it('returns the application with its webhooks and typed credentials', async () => {
    const { fake, client } = await setup();
    const basic = withBasicAuth(syncWebhook('http://system', { id: 'w-basic' }), 'user', 'pass');
    const oauth = withOAuth(
      asyncWebhook('http://system', { id: 'w-oauth' }),
      'http://system/token',
      'cid',
      'cs',
    );
    fake.addApplication(application(APP_ID, [basic, oauth], 'my-app'));

    const app = await client.fetchApplication(APP_ID, ctx);

    expect(app).toMatchObject({ id: APP_ID, name: 'my-app', baseUrl: null });
    expect(app?.webhooks.map((w) => w.id)).toEqual(['w-basic', 'w-oauth']);
    expect(app?.webhooks[0]?.auth?.credential).toEqual({
      __typename: 'BasicCredentialData',
      username: 'user',
      password: 'pass',
    });
    expect(app?.webhooks[1]).toMatchObject({
      mode: 'ASYNC',
      retryInterval: 1,
      statusTemplate: expect.stringContaining('IN_PROGRESS'),
      auth: {
        credential: { __typename: 'OAuthCredentialData', clientId: 'cid', url: 'http://system/token' },
      },
    });
  });

  it('sends the bearer token, the tenant and the correlation ID as x-request-id', async () => {
    const { fake, client } = await setup();
    await client.fetchApplication(APP_ID, ctx);
    await client.fetchApplication(APP_ID, { tenant: TENANT });
    const [first, second] = fake.graphqlRequests();

    expect(first?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      tenant: TENANT,
      'x-request-id': 'corr-1',
    });
    expect(first?.variables).toEqual({ id: APP_ID });
    expect(second?.headers['x-request-id']).toBeUndefined();
  });

  it('sends no Authorization header when no token is configured', async () => {
    const { fake, client } = await setup({
      token: createTokenProvider({ token: null, tokenFile: null }),
      fakeToken: undefined,
    });
    await client.fetchApplication(APP_ID, ctx);
    expect(fake.graphqlRequests()[0]?.headers.authorization).toBeUndefined();
  });

  it('returns null when Director answers application: null', async () => {
    const { client } = await setup();
    expect(await client.fetchApplication(APP_ID, ctx)).toBeNull();
  });

  it('rejects GraphQL errors as retryable instead of taking them for "not found"', async () => {
    const { fake, client } = await setup();
    fake.failNextFetches(1, 'graphql-error');
    const err = await rejection(client.fetchApplication(APP_ID, ctx));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'DIRECTOR_GRAPHQL_ERROR' });
    expect(err.message).toContain('scripted GraphQL error');
  });

  it('rejects an HTTP 500 and a 401 as retryable with the status in the message', async () => {
    const { fake, client } = await setup();
    fake.failNextFetches(1, 'http-500');
    const serverError = await rejection(client.fetchApplication(APP_ID, ctx));
    const http = createOutboundClient({ timeoutSeconds: 5, maxResponseBytes: 1 << 20 });
    cleanups.push(() => http.close());
    const wrongToken = createDirectorClient({
      http,
      graphqlUrl: fake.graphqlUrl,
      operationUrl: fake.operationUrl,
      token: createTokenProvider({ token: 'wrong-token-value', tokenFile: null }),
    });
    const unauthorized = await rejection(wrongToken.fetchApplication(APP_ID, ctx));

    expect(serverError).toBeInstanceOf(RetryableError);
    expect(serverError.message).toContain('500');
    expect(unauthorized).toBeInstanceOf(RetryableError);
    expect(unauthorized.message).toContain('401');
    expect(unauthorized.message).not.toContain('wrong-token-value');
  });

  it('rejects an answer that is not JSON or not the expected shape as retryable', async () => {
    const system = await startExternalSystemFake();
    cleanups.push(system.close);
    system.route('POST', '/graphql', [
      { status: 200, body: '<html>gateway</html>' },
      {
        status: 200,
        body: {
          data: {
            application: {
              id: 42,
              name: 'x',
              baseUrl: null,
              systemNumber: null,
              applicationTemplateID: null,
              webhooks: [],
            },
          },
        },
      },
    ]);
    const http = createOutboundClient({ timeoutSeconds: 5, maxResponseBytes: 1 << 20 });
    cleanups.push(() => http.close());
    const client = createDirectorClient({
      http,
      graphqlUrl: `${system.url}/graphql`,
      operationUrl: `${system.url}/operation`,
      token: createTokenProvider({ token: null, tokenFile: null }),
    });

    await expect(client.fetchApplication(APP_ID, ctx)).rejects.toMatchObject({
      code: 'DIRECTOR_BAD_RESPONSE',
    });
    const shape = await rejection(client.fetchApplication(APP_ID, ctx));
    expect(shape).toBeInstanceOf(RetryableError);
    expect(shape.message).toContain('/application/id');
  });

  it('rejects with a retryable timeout when Director does not answer in time', async () => {
    const { fake, client } = await setup({ timeoutSeconds: 1 });
    fake.setDelay({ fetchMs: 1500 });
    const err = await rejection(client.fetchApplication(APP_ID, ctx));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'HTTP_TIMEOUT' });
    expect(err.message).not.toContain(TOKEN);
  });
});

describe('DirectorClient.finalize', () => {
  const success = {
    operation_type: 'Delete',
    resource_type: 'application',
    resource_id: APP_ID,
    operation_category: 'unregisterApplication',
  } as const;

  it('PUTs the result without an error member on success, with the same headers', async () => {
    const { fake, client } = await setup();
    const result = await client.finalize(success, ctx);
    const [recorded] = fake.finalizations();

    expect(result.statusCode).toBe(200);
    expect(recorded?.body).toEqual(success);
    expect(recorded?.rawBody).not.toContain('error');
    expect(recorded?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      tenant: TENANT,
      'x-request-id': 'corr-1',
    });
  });

  it('sends the error message of a failed operation', async () => {
    const { fake, client } = await setup();
    await client.finalize(
      {
        ...success,
        operation_type: 'Update',
        operation_category: 'unpairApplication',
        error: 'webhook timeout reached',
      },
      ctx,
    );
    expect(fake.acceptedFinalizations()[0]?.body).toMatchObject({
      operation_type: 'Update',
      error: 'webhook timeout reached',
    });
  });

  it('rejects anything but 200 as retryable, naming the status', async () => {
    const { fake, client } = await setup();
    fake.failNextFinalizations(1, 503);
    const unavailable = await rejection(client.finalize(success, ctx));
    const invalid = await rejection(client.finalize({ ...success, resource_id: 'not-a-uuid' }, ctx));

    expect(unavailable).toBeInstanceOf(RetryableError);
    expect(unavailable.message).toContain('503');
    expect(invalid.message).toContain('400');
    expect(fake.acceptedFinalizations()).toHaveLength(0);
  });
});

describe('token provider', () => {
  it('re-reads a rotated token file and trims it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opctl-token-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'token');
    await writeFile(file, 'first-token\n');
    const { fake, client } = await setup({
      token: createTokenProvider({ token: null, tokenFile: file }),
      fakeToken: undefined,
    });

    await client.fetchApplication(APP_ID, ctx);
    await writeFile(file, '  second-token-longer \n');
    // Make sure the modification time moves even on a coarse-grained file system.
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    await client.fetchApplication(APP_ID, ctx);

    expect(fake.graphqlRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer first-token',
      'Bearer second-token-longer',
    ]);
  });

  it('rejects as retryable, without the contents, when the file cannot be read', async () => {
    const provider = createTokenProvider({ token: null, tokenFile: '/nonexistent/opctl/token' });
    const err = await rejection(provider.get());
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.message).toContain('ENOENT');
  });

  it('returns the fixed token, or null when none is configured', async () => {
    expect(await createTokenProvider({ token: ' abc ', tokenFile: null }).get()).toBe('abc');
    expect(await createTokenProvider({ token: null, tokenFile: null }).get()).toBeNull();
  });
});
