import { createServer, type RequestListener } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../src/errors.js';
import { createOutboundClient } from '../../src/http/outbound-client.js';
import { closeServer, listen } from '../fakes/http-helpers.js';
import { rejection } from '../support/rejection.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  const port = await listen(server, 0);
  cleanups.push(() => closeServer(server));
  return `http://127.0.0.1:${port}`;
}

function client(maxResponseBytes = 4096) {
  const http = createOutboundClient({ timeoutSeconds: 5, maxResponseBytes });
  cleanups.push(() => http.close());
  return http;
}

describe('outbound client', () => {
  it('returns Go-canonical header names with their first value and a decompressed body', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('x-request-id', ['first', 'second']);
      res.setHeader('location', 'http://next');
      res.end(gzipSync('{"status":"SUCCEEDED"}'));
    });
    const response = await client().request({ method: 'GET', url });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"status":"SUCCEEDED"}');
    expect(response.headers).toMatchObject({ 'X-Request-Id': 'first', Location: 'http://next' });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('returns 4xx and 5xx answers instead of throwing', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 503;
      res.end('down');
    });
    expect(await client().request({ method: 'GET', url })).toMatchObject({ statusCode: 503, body: 'down' });
  });

  it('aborts a chunked body as soon as it passes the cap, counting decompressed bytes', async () => {
    const url = await serve((_req, res) => {
      // 1 MB of zeros compresses to about 1 kB: the cap must apply to what is inflated.
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(Buffer.alloc(1 << 20)));
    });
    const err = await rejection(client(64 * 1024).request({ method: 'GET', url }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'HTTP_RESPONSE_TOO_LARGE' });
  });

  it('refuses a body whose Content-Length announces more than the cap', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('content-length', String(10_000));
      res.write('x'.repeat(100));
      // never finishes: the client must not wait for the rest
    });
    const err = await rejection(client().request({ method: 'GET', url }));
    expect(err).toMatchObject({ code: 'HTTP_RESPONSE_TOO_LARGE' });
  });

  it('rejects an unusable URL or method permanently, without echoing the URL', async () => {
    const http = client();
    const invalid = await rejection(http.request({ method: 'GET', url: 'not a url with secret' }));
    const scheme = await rejection(http.request({ method: 'GET', url: 'ftp://127.0.0.1/x' }));
    const method = await rejection(http.request({ method: 'CONNECT', url: 'http://127.0.0.1/x' }));

    expect(invalid).toBeInstanceOf(PermanentError);
    expect(invalid.message).not.toContain('secret');
    expect(scheme).toMatchObject({ code: 'INVALID_URL' });
    expect(method).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('reports a reset connection as retryable', async () => {
    const url = await serve((req) => {
      req.socket.destroy();
    });
    const err = await rejection(client().request({ method: 'GET', url }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'HTTP_NETWORK_ERROR' });
  });
});
