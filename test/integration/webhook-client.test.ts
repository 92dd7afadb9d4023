import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import type { DirectorWebhook } from '../../src/director/director-application.js';
import { PermanentError, RetryableError } from '../../src/errors.js';
import { createOutboundClient, type OutboundClient } from '../../src/http/outbound-client.js';
import { createWebhookClient } from '../../src/webhooks/webhook-client.js';
import { type ExternalSystemFakeOptions, startExternalSystemFake } from '../fakes/external-system-fake.js';
import { syncWebhook, withBasicAuth, withMtls, withOAuth } from '../fakes/webhook-presets.js';
import { rejection } from '../support/rejection.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function outbound(options: Partial<Parameters<typeof createOutboundClient>[0]> = {}): OutboundClient {
  const http = createOutboundClient({ timeoutSeconds: 5, maxResponseBytes: 64 * 1024, ...options });
  cleanups.push(() => http.close());
  return http;
}

async function system(options: ExternalSystemFakeOptions = {}) {
  const fake = await startExternalSystemFake(options);
  cleanups.push(fake.close);
  fake.route('DELETE', '/hook', [{ status: 200, body: { ok: true } }]);
  return fake;
}

const open = syncWebhook('http://unused');
const call = (
  url: string,
  webhook: Pick<DirectorWebhook, 'auth'>,
  headers: Record<string, string[]> = {},
) => ({
  method: 'DELETE',
  url,
  headers,
  body: '{"application_id":"a"}',
  webhook,
});

describe('WebhookClient without auth', () => {
  // got sends header names in lower case; HTTP header names are case-insensitive.
  it('sends method, body and every header value, correlation header included', async () => {
    const fake = await system();
    const client = createWebhookClient({ http: outbound() });
    const response = await client.send(
      call(`${fake.url}/hook`, open, {
        'User-Identity': ['alice', 'bob'],
        'X-Correlation-Id': ['corr-1'],
        'x-request-id': ['corr-1'],
      }),
    );
    const [request] = fake.requests();

    expect(response.statusCode).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ ok: true });
    expect(request?.method).toBe('DELETE');
    expect(request?.body).toBe('{"application_id":"a"}');
    expect(request?.rawHeaders).toEqual(
      expect.arrayContaining(['user-identity', 'alice', 'user-identity', 'bob']),
    );
    expect(request?.headers).toMatchObject({ 'x-correlation-id': 'corr-1', 'x-request-id': 'corr-1' });
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('treats accessStrategy open as no auth', async () => {
    const fake = await system();
    const client = createWebhookClient({ http: outbound() });
    await client.send(call(`${fake.url}/hook`, { auth: { credential: null, accessStrategy: 'open' } }));
    expect(fake.requests()[0]?.headers.authorization).toBeUndefined();
  });

  it('returns a redirect as it is instead of following it', async () => {
    const fake = await system();
    fake.route('GET', '/moved', [{ status: 302, headers: { location: `${fake.url}/hook` } }]);
    const client = createWebhookClient({ http: outbound() });
    const response = await client.send({ ...call(`${fake.url}/moved`, open), method: 'GET' });

    expect(response.statusCode).toBe(302);
    expect(response.headers.Location).toBe(`${fake.url}/hook`);
    expect(fake.requests({ path: '/hook' })).toHaveLength(0);
  });

  it('aborts a response body larger than the cap with a retryable error', async () => {
    const fake = await system();
    fake.route('GET', '/big', [{ status: 200, body: { data: 'x'.repeat(5000) } }]);
    const client = createWebhookClient({ http: outbound({ maxResponseBytes: 1024 }) });
    const err = await rejection(client.send({ ...call(`${fake.url}/big`, open), method: 'GET' }));

    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'HTTP_RESPONSE_TOO_LARGE' });
  });

  it('gives up after the timeout with a retryable error', async () => {
    const fake = await system();
    fake.route('GET', '/slow', [{ status: 200, body: {}, delayMs: 2000 }]);
    const client = createWebhookClient({ http: outbound({ timeoutSeconds: 1 }) });
    const err = await rejection(client.send({ ...call(`${fake.url}/slow`, open), method: 'GET' }));

    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'HTTP_TIMEOUT' });
  });

  it('reports a refused connection as retryable without the URL’s credentials or query', async () => {
    const client = createWebhookClient({ http: outbound() });
    const err = await rejection(
      client.send(call('http://user:url-secret@127.0.0.1:1/hook?sig=query-secret', open)),
    );

    expect(err).toBeInstanceOf(RetryableError);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).not.toMatch(/url-secret|query-secret/);
  });
});

describe('WebhookClient with Basic credentials', () => {
  it('authenticates with HTTP Basic, replacing an Authorization header from the template', async () => {
    const fake = await system({ auth: { kind: 'basic', username: 'user', password: 'p@ss:word' } });
    const client = createWebhookClient({ http: outbound() });
    const webhook = withBasicAuth(open, 'user', 'p@ss:word');
    const response = await client.send(
      call(`${fake.url}/hook`, webhook, { authorization: ['Bearer template'] }),
    );

    expect(response.statusCode).toBe(200);
    expect(fake.requests()[0]?.rawHeaders.filter((h) => h.toLowerCase() === 'authorization')).toHaveLength(1);
  });

  it('passes the 401 of wrong credentials back as a response', async () => {
    const fake = await system({ auth: { kind: 'basic', username: 'user', password: 'right' } });
    const client = createWebhookClient({ http: outbound() });
    const response = await client.send(call(`${fake.url}/hook`, withBasicAuth(open, 'user', 'wrong')));
    expect(response.statusCode).toBe(401);
  });
});

describe('WebhookClient with OAuth client credentials', () => {
  const oauthSystem = (tokenLifetimeSeconds?: number) =>
    system({
      auth: {
        kind: 'oauth',
        clientId: 'client',
        clientSecret: 'oauth-client-secret',
        ...(tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds } : {}),
      },
    });

  it('fetches one token and reuses it for the next calls', async () => {
    const fake = await oauthSystem();
    const client = createWebhookClient({ http: outbound() });
    const webhook = withOAuth(open, fake.tokenUrl, 'client', 'oauth-client-secret');
    const first = await client.send(call(`${fake.url}/hook`, webhook));
    const second = await client.send(call(`${fake.url}/hook`, webhook));
    const [tokenRequest] = fake.tokenRequests();

    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(fake.issuedTokens()).toBe(1);
    expect(tokenRequest?.body).toBe('grant_type=client_credentials');
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(fake.requests()[0]?.headers.authorization).toMatch(/^Bearer [0-9a-f]+$/);
  });

  it('shares one token request among concurrent calls', async () => {
    const fake = await oauthSystem();
    const client = createWebhookClient({ http: outbound() });
    const webhook = withOAuth(open, fake.tokenUrl, 'client', 'oauth-client-secret');
    await Promise.all([1, 2, 3].map(() => client.send(call(`${fake.url}/hook`, webhook))));
    expect(fake.issuedTokens()).toBe(1);
  });

  it('fetches a new token shortly before the old one expires', async () => {
    const fake = await oauthSystem(600);
    let now = Date.parse('2025-01-01T00:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const client = createWebhookClient({ http: outbound(), clock });
    const webhook = withOAuth(open, fake.tokenUrl, 'client', 'oauth-client-secret');

    await client.send(call(`${fake.url}/hook`, webhook));
    now += 560_000; // 40 s before expiry: still reused
    await client.send(call(`${fake.url}/hook`, webhook));
    now += 20_000; // 20 s before expiry: inside the refresh margin
    await client.send(call(`${fake.url}/hook`, webhook));

    expect(fake.issuedTokens()).toBe(2);
  });

  it('drops the cached token after a 401 so the next call fetches a fresh one', async () => {
    const fake = await oauthSystem();
    const client = createWebhookClient({ http: outbound() });
    const webhook = withOAuth(open, fake.tokenUrl, 'client', 'oauth-client-secret');
    await client.send(call(`${fake.url}/hook`, webhook));
    fake.revokeTokens();

    const rejected = await client.send(call(`${fake.url}/hook`, webhook));
    const retried = await client.send(call(`${fake.url}/hook`, webhook));

    expect([rejected.statusCode, retried.statusCode]).toEqual([401, 200]);
    expect(fake.issuedTokens()).toBe(2);
  });

  it('rejects a refused token request as retryable without revealing the secret', async () => {
    const fake = await oauthSystem();
    const client = createWebhookClient({ http: outbound() });
    const webhook = withOAuth(open, fake.tokenUrl, 'client', 'wrong-secret-value');
    const err = await rejection(client.send(call(`${fake.url}/hook`, webhook)));

    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'OAUTH_TOKEN_FAILED' });
    expect(err.message).toContain('401');
    expect(err.message).toContain('invalid_client');
    expect(err.message).not.toContain('wrong-secret-value');
    expect(fake.requests()).toHaveLength(0);
  });
});

describe('WebhookClient with mTLS', () => {
  it('presents the configured client certificate for accessStrategy sap:cmp-mtls:v1', async () => {
    const fake = await system({ auth: { kind: 'mtls' } });
    const mtlsHttp = outbound({
      tls: { cert: fake.clientCert ?? '', key: fake.clientKey ?? '', ca: fake.ca ?? '' },
    });
    const client = createWebhookClient({ http: outbound({ tls: { ca: fake.ca ?? '' } }), mtlsHttp });
    const response = await client.send(call(`${fake.url}/hook`, withMtls(open)));

    expect(response.statusCode).toBe(200);
    expect(fake.requests()[0]?.clientCertCn).toBe('operations-controller');
  });

  it('fails permanently when no client certificate is configured', async () => {
    const fake = await system({ auth: { kind: 'mtls' } });
    const client = createWebhookClient({ http: outbound({ tls: { ca: fake.ca ?? '' } }) });
    const err = await rejection(client.send(call(`${fake.url}/hook`, withMtls(open))));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'MTLS_NOT_CONFIGURED' });
  });

  it('is refused by the server when the plain client is used (no certificate)', async () => {
    const fake = await system({ auth: { kind: 'mtls' } });
    const client = createWebhookClient({ http: outbound({ tls: { ca: fake.ca ?? '' } }) });
    const err = await rejection(client.send(call(`${fake.url}/hook`, open)));
    expect(err).toBeInstanceOf(RetryableError);
  });
});

describe('WebhookClient auth flow selection', () => {
  it.each([
    [
      'a certificate OAuth credential',
      {
        credential: {
          __typename: 'CertificateOAuthCredentialData',
          clientId: 'c',
          certificate: 'pem',
          url: 'http://t',
        },
        accessStrategy: null,
      },
    ],
    ['an auth without credential or strategy', { credential: null, accessStrategy: null }],
    ['an unknown access strategy without credential', { credential: null, accessStrategy: 'sap:unknown:v1' }],
  ] as const)('refuses %s with AUTH_FLOW_UNKNOWN before calling anything', async (_name, auth) => {
    const fake = await system();
    const client = createWebhookClient({ http: outbound() });
    const err = await rejection(client.send(call(`${fake.url}/hook`, { auth })));

    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({
      code: 'AUTH_FLOW_UNKNOWN',
      message: 'could not determine auth flow for webhook',
    });
    expect(fake.requests()).toHaveLength(0);
  });
});
