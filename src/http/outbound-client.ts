import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import got, { CancelError } from 'got';
import { firstHeaderValues } from './canonical-header-key.js';
import { classifyTransportError, ResponseTooLargeError, requestTarget } from './outbound-errors.js';

export interface OutboundClientOptions {
  /** Whole-request deadline (connect, send, wait, read). */
  readonly timeoutSeconds: number;
  /** Bodies larger than this (after decompression) are aborted: an external system cannot fill memory. */
  readonly maxResponseBytes: number;
  /** Client certificate for mTLS, and an extra CA trusted in addition to the system roots. PEM text. */
  readonly tls?: { readonly cert?: string; readonly key?: string; readonly ca?: string };
}

export interface OutboundRequest {
  readonly method: string;
  readonly url: string;
  /** An array value is sent as repeated header lines. */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string;
}

export interface OutboundResponse {
  readonly statusCode: number;
  /** Go-canonical header name -> first value, as Director's templates see `.Headers`. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly durationMs: number;
}

export interface OutboundClient {
  /**
   * Sends one request and resolves with any HTTP status, 3xx included (redirects are never followed).
   * Rejects with RetryableError for network failures, timeouts, resets and oversized bodies, and with
   * PermanentError for a URL that cannot be requested at all.
   */
  request(req: OutboundRequest): Promise<OutboundResponse>;
  /** Drops the pooled keep-alive connections. */
  close(): void;
}

/**
 * THE outbound HTTP client of the product: Director and every external system are called through an
 * instance of this, so that timeouts, the body cap, error classification (and later the SSRF guard and
 * per-host limits) live in one place.
 */
export function createOutboundClient(options: OutboundClientOptions): OutboundClient {
  const timeoutMs = options.timeoutSeconds * 1000;
  const maxBytes = options.maxResponseBytes;
  // Keep-alive pools: a worker polls the same few hosts over and over.
  const agent = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const tls = options.tls;

  const client = got.extend({
    agent,
    // The queue owns retries (with backoff and deadlines); a hidden retry here would call a
    // non-idempotent webhook twice.
    retry: { limit: 0 },
    // A 3xx is an answer for the output template to judge, and following it could lead anywhere.
    followRedirect: false,
    throwHttpErrors: false,
    // Old controller behaviour: a webhook URL without a URL template is called with GET and body `{}`.
    allowGetBody: true,
    timeout: { request: timeoutMs },
    responseType: 'text',
    headers: { 'user-agent': 'operations-controller' },
    https: {
      ...(tls?.cert !== undefined ? { certificate: tls.cert } : {}),
      ...(tls?.key !== undefined ? { key: tls.key } : {}),
      // `ca` replaces Node's roots, so the configured CA is added to them rather than swapped in.
      ...(tls?.ca !== undefined ? { certificateAuthority: [...rootCertificates, tls.ca] } : {}),
    },
  });

  return {
    async request(req) {
      const target = requestTarget(req.method, req.url);
      const started = performance.now();
      const pending = client(target.url, {
        method: target.method,
        headers: mutableHeaders(req.headers ?? {}),
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
      let tooLarge = false;
      // `total` is the announced Content-Length (abort before reading); `transferred` counts the
      // decompressed bytes read so far (abort a chunked or lying response as soon as it passes the cap).
      pending.on('downloadProgress', (progress) => {
        if (!tooLarge && (progress.transferred > maxBytes || (progress.total ?? 0) > maxBytes)) {
          tooLarge = true;
          pending.cancel();
        }
      });
      try {
        const response = await pending;
        return {
          statusCode: response.statusCode,
          headers: firstHeaderValues(response.rawHeaders),
          body: response.body,
          durationMs: Math.round(performance.now() - started),
        };
      } catch (err) {
        if (tooLarge && err instanceof CancelError) throw new ResponseTooLargeError(target.label, maxBytes);
        throw classifyTransportError(err, target.label, timeoutMs);
      }
    },
    close() {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}

function mutableHeaders(
  headers: Readonly<Record<string, string | readonly string[]>>,
): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, typeof value === 'string' ? value : [...value]]),
  );
}
