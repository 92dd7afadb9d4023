import { type Clock, systemClock } from '../clock.js';
import type { OAuthCredential } from '../director/director-application.js';
import { RetryableError } from '../errors.js';
import type { OutboundClient } from '../http/outbound-client.js';
import { basicAuthorization } from './auth.js';

export interface OAuthTokenCache {
  /** A valid access token for the credential, from the cache or fetched now. */
  token(credential: OAuthCredential): Promise<string>;
  /** Forgets `token` (when it is still the cached one), e.g. after the webhook answered 401. */
  invalidate(credential: OAuthCredential, token: string): void;
}

export interface OAuthTokenCacheOptions {
  readonly http: OutboundClient;
  readonly clock?: Clock;
  /** How long a token without `expires_in` is reused. */
  readonly defaultLifetimeSeconds?: number;
  /** Upper bound on cached credentials; the oldest entry goes first. */
  readonly maxEntries?: number;
}

interface Entry {
  readonly token: string;
  readonly refreshAt: number;
}

/**
 * OAuth2 client-credentials tokens, cached per (token URL, client ID) until shortly before they expire,
 * so polling every few seconds does not ask the token endpoint every time. Concurrent callers for the
 * same credential share one token request.
 */
export function createOAuthTokenCache(options: OAuthTokenCacheOptions): OAuthTokenCache {
  const { http } = options;
  const clock = options.clock ?? systemClock;
  const defaultLifetime = options.defaultLifetimeSeconds ?? 300;
  const maxEntries = options.maxEntries ?? 1000;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string>>();

  async function fetchToken(key: string, credential: OAuthCredential): Promise<string> {
    const response = await http.request({
      method: 'POST',
      url: credential.url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: basicAuthorization(credential.clientId, credential.clientSecret),
      },
      body: 'grant_type=client_credentials',
    });
    if (response.statusCode !== 200) {
      throw new RetryableError(
        'OAUTH_TOKEN_FAILED',
        `token endpoint answered HTTP ${response.statusCode}${oauthErrorCode(response.body)}`,
      );
    }
    const { token, lifetimeSeconds } = parseTokenResponse(response.body, defaultLifetime);
    // Refresh a little early (a tenth of the lifetime, at most 30 s) so a token does not expire in flight.
    const margin = Math.min(30, lifetimeSeconds / 10);
    entries.delete(key);
    entries.set(key, { token, refreshAt: clock.now().getTime() + (lifetimeSeconds - margin) * 1000 });
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    return token;
  }

  return {
    async token(credential) {
      const key = `${credential.url}\n${credential.clientId}`;
      const cached = entries.get(key);
      if (cached && cached.refreshAt > clock.now().getTime()) return cached.token;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const request = fetchToken(key, credential).finally(() => inFlight.delete(key));
      inFlight.set(key, request);
      return request;
    },
    invalidate(credential, token) {
      const key = `${credential.url}\n${credential.clientId}`;
      if (entries.get(key)?.token === token) entries.delete(key);
    },
  };
}

function parseTokenResponse(
  body: string,
  defaultLifetime: number,
): { token: string; lifetimeSeconds: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new RetryableError('OAUTH_TOKEN_FAILED', 'token endpoint answer is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new RetryableError('OAUTH_TOKEN_FAILED', 'token endpoint answer is not a JSON object');
  }
  const token = 'access_token' in parsed ? parsed.access_token : undefined;
  if (typeof token !== 'string' || token === '') {
    throw new RetryableError('OAUTH_TOKEN_FAILED', 'token endpoint answer has no access_token');
  }
  // Some servers send expires_in as a string.
  const raw = 'expires_in' in parsed ? Number(parsed.expires_in) : Number.NaN;
  return { token, lifetimeSeconds: Number.isFinite(raw) && raw > 0 ? raw : defaultLifetime };
}

/** The RFC 6749 `error` code of a failed token request, when it is a plain short word. */
function oauthErrorCode(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const code = parsed.error;
      if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return ` (${code})`;
    }
  } catch {
    // not JSON: the status alone says enough
  }
  return '';
}
