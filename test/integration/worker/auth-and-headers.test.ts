import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { syncWebhook, withBasicAuth, withMtls, withOAuth } from '../../fakes/webhook-presets.js';
import { DIRECTOR_TOKEN, startWorkerHarness, type WorkerHarness } from '../../support/worker-harness.js';

let h: WorkerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function syncOn(harness: WorkerHarness, path: string, overrides = {}) {
  harness.system.route('DELETE', path, [{ status: 200, body: {} }]);
  return syncWebhook(harness.system.url, {
    id: `wh-${randomUUID().slice(0, 6)}`,
    overrides: { urlTemplate: `{"method":"DELETE","path":"${harness.system.url}${path}"}`, ...overrides },
  });
}

describe('auth flows', () => {
  it('sends HTTP Basic credentials', async () => {
    h = await startWorkerHarness(inject('redisUrl'), {
      system: { auth: { kind: 'basic', username: 'svc', password: 'basic-pass-s3cret' } },
    });
    h.startWorker();
    const webhook = withBasicAuth(syncOn(h, '/basic'), 'svc', 'basic-pass-s3cret');
    const record = await h.finished((await h.submit({ webhook })).operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: '/basic' })[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('svc:basic-pass-s3cret').toString('base64')}`,
    );
  });

  it('fetches an OAuth token once and reuses it until it expires', async () => {
    h = await startWorkerHarness(inject('redisUrl'), {
      system: { auth: { kind: 'oauth', clientId: 'client-1', clientSecret: 'oauth-secret-s3cret' } },
    });
    h.startWorker();
    const webhook = withOAuth(syncOn(h, '/oauth'), h.system.tokenUrl, 'client-1', 'oauth-secret-s3cret');
    for (let i = 0; i < 2; i++) {
      expect((await h.finished((await h.submit({ webhook })).operationId)).status).toBe('SUCCEEDED');
    }
    expect(h.system.issuedTokens()).toBe(1);
    expect(h.system.requests({ path: '/oauth' })).toHaveLength(2);
    expect(h.system.requests({ path: '/oauth' })[0]?.headers.authorization).toMatch(/^Bearer \S+$/);
  });

  it('presents the configured client certificate for the mTLS access strategy', async () => {
    h = await startWorkerHarness(inject('redisUrl'), { system: { auth: { kind: 'mtls' } } });
    const dir = await mkdtemp(join(tmpdir(), 'opctl-mtls-'));
    const files = { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
    await writeFile(files.ca, h.system.ca ?? '');
    await writeFile(files.cert, h.system.clientCert ?? '');
    await writeFile(files.key, h.system.clientKey ?? '');
    h.startWorker({
      WEBHOOK_CA_FILE: files.ca,
      WEBHOOK_CLIENT_CERT_FILE: files.cert,
      WEBHOOK_CLIENT_KEY_FILE: files.key,
    });
    const webhook = withMtls(syncOn(h, '/mtls'));
    const record = await h.finished((await h.submit({ webhook })).operationId);
    expect(record.status).toBe('SUCCEEDED');
    expect(h.system.requests({ path: '/mtls' })[0]?.clientCertCn).toBe('operations-controller');
  });

  it('fails with "could not determine auth flow for webhook" for an unknown access strategy', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    h.startWorker();
    const webhook = { ...syncOn(h, '/odd'), auth: { credential: null, accessStrategy: 'sap:unknown:v9' } };
    const record = await h.finished((await h.submit({ webhook })).operationId);
    expect(record).toMatchObject({ status: 'FAILED', error: 'could not determine auth flow for webhook' });
    expect(h.system.requests({ path: '/odd' })).toHaveLength(0);
  });
});

describe('headers', () => {
  it('sends tenant, x-request-id and the bearer token to Director, and rendered, correlation and request-id headers to the webhook', async () => {
    h = await startWorkerHarness(inject('redisUrl'));
    h.startWorker();
    const webhook = syncOn(h, '/headers', {
      correlationIdKey: 'X-Correlation-Id',
      headerTemplate: '{"user-identity":["{{.Headers.Client_user}}"], "x-multi": ["a", "b"]}',
    });
    const { operationId, applicationId } = await h.submit({
      webhook,
      correlationId: 'corr-77',
      headers: { Client_user: 'alice' },
    });
    expect((await h.finished(operationId)).status).toBe('SUCCEEDED');

    const fetch = h.director
      .graphqlRequests()
      .find((r) => JSON.stringify(r.variables).includes(applicationId));
    expect(fetch?.headers).toMatchObject({
      authorization: `Bearer ${DIRECTOR_TOKEN}`,
      tenant: 'tenant-7',
      'x-request-id': 'corr-77',
    });
    const put = h.director.finalizations().find((f) => f.rawBody.includes(applicationId));
    expect(put?.headers).toMatchObject({
      authorization: `Bearer ${DIRECTOR_TOKEN}`,
      tenant: 'tenant-7',
      'x-request-id': 'corr-77',
    });

    const call = h.system.requests({ path: '/headers' })[0];
    expect(call?.headers).toMatchObject({
      'user-identity': 'alice',
      'x-multi': 'a, b',
      'x-correlation-id': 'corr-77',
      'x-request-id': 'corr-77',
      'content-type': 'application/json',
    });
    expect(JSON.parse(call?.body ?? '')).toEqual({
      application_id: applicationId,
      name: `app-${applicationId.slice(0, 8)}`,
    });
  });
});
