import { RequestError, TimeoutError } from 'got';
import { PermanentError, RetryableError } from '../errors.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type OutboundMethod = (typeof METHODS)[number];

export interface RequestTarget {
  readonly method: OutboundMethod;
  readonly url: URL;
  /**
   * `METHOD scheme://host/path` for messages and logs: user info and the query string are left out
   * because either may carry credentials (`https://user:secret@host`, `?access_token=`).
   */
  readonly label: string;
}

/** Checks method and URL before anything is sent; a request that can never be made is permanent. */
export function requestTarget(method: string, rawUrl: string): RequestTarget {
  const upper = method.toUpperCase();
  const known = METHODS.find((m) => m === upper);
  if (known === undefined) throw new PermanentError('INVALID_REQUEST', `unsupported HTTP method: ${method}`);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    // The text itself is not echoed: an unparsable URL may still hold a password.
    throw new PermanentError('INVALID_URL', 'invalid request URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PermanentError('INVALID_URL', `unsupported URL scheme: ${url.protocol}`);
  }
  return { method: known, url, label: `${known} ${url.protocol}//${url.host}${url.pathname}` };
}

export class ResponseTooLargeError extends RetryableError {
  constructor(label: string, maxBytes: number) {
    super('HTTP_RESPONSE_TOO_LARGE', `${label}: response body exceeds ${maxBytes} bytes`);
  }
}

/**
 * The one place transport failures are classified. Everything that happens on the wire (refused,
 * reset, DNS, TLS, timeout) may pass on its own, so it is retryable; the queue's deadline bounds it.
 * got's own message is not reused and the error is not attached as `cause`: both can carry the request
 * options, headers included, and with them an Authorization value.
 */
export function classifyTransportError(err: unknown, label: string, timeoutMs: number): Error {
  if (err instanceof RetryableError || err instanceof PermanentError) return err;
  if (err instanceof TimeoutError) {
    return new RetryableError('HTTP_TIMEOUT', `${label}: no complete response within ${timeoutMs} ms`);
  }
  if (err instanceof RequestError) {
    const code = /^[A-Z0-9_]{1,64}$/.test(err.code) ? err.code : 'ERR_NETWORK';
    return new RetryableError('HTTP_NETWORK_ERROR', `${label}: request failed (${code})`);
  }
  return new RetryableError('HTTP_NETWORK_ERROR', `${label}: request failed`);
}
