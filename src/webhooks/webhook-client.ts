import type { Clock } from '../clock.js';
import type { DirectorWebhook } from '../director/director-application.js';
import { PermanentError } from '../errors.js';
import type { OutboundClient, OutboundResponse } from '../http/outbound-client.js';
import { basicAuthorization, webhookAuth } from './auth.js';
import { createOAuthTokenCache, type OAuthTokenCache } from './oauth-token-cache.js';

export interface WebhookRequest {
  readonly method: string;
  readonly url: string;
  /** Rendered header template plus correlation headers: name -> values. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body?: string;
  /** Decides the auth flow. */
  readonly webhook: Pick<DirectorWebhook, 'auth'>;
}

export interface WebhookClient {
  /**
   * Calls an external system with the webhook's auth applied and resolves with whatever it answered
   * (judging the status is the output/status template's job). Rejects with PermanentError
   * `AUTH_FLOW_UNKNOWN` or `MTLS_NOT_CONFIGURED` when the call cannot be authenticated, and with the
   * outbound client's RetryableError on transport failures.
   */
  send(req: WebhookRequest): Promise<OutboundResponse>;
}

export interface WebhookClientOptions {
  /** Plain client: open, Basic and OAuth webhooks, and OAuth token requests. */
  readonly http: OutboundClient;
  /** Client built at start-up with the configured client certificate; null when none is configured. */
  readonly mtlsHttp?: OutboundClient | null;
  readonly clock?: Clock;
  /** Injected to share or inspect the cache; built from `http` and `clock` otherwise. */
  readonly tokenCache?: OAuthTokenCache;
}

export function createWebhookClient(options: WebhookClientOptions): WebhookClient {
  const { http } = options;
  const mtlsHttp = options.mtlsHttp ?? null;
  const tokens =
    options.tokenCache ??
    createOAuthTokenCache({ http, ...(options.clock !== undefined ? { clock: options.clock } : {}) });

  return {
    async send(req) {
      const auth = webhookAuth(req.webhook);
      const base = {
        method: req.method,
        url: req.url,
        ...(req.body !== undefined ? { body: req.body } : {}),
      };
      switch (auth.kind) {
        case 'none':
          return http.request({ ...base, headers: req.headers });
        case 'basic': {
          const { username, password } = auth.credential;
          return http.request({
            ...base,
            headers: withAuthorization(req.headers, basicAuthorization(username, password)),
          });
        }
        case 'oauth': {
          const token = await tokens.token(auth.credential);
          const response = await http.request({
            ...base,
            headers: withAuthorization(req.headers, `Bearer ${token}`),
          });
          // The token was revoked or expired early: the next call (the queue retries) fetches a new one.
          if (response.statusCode === 401) tokens.invalidate(auth.credential, token);
          return response;
        }
        case 'mtls':
          if (mtlsHttp === null) {
            throw new PermanentError(
              'MTLS_NOT_CONFIGURED',
              'webhook requires mTLS but no client certificate is configured',
            );
          }
          return mtlsHttp.request({ ...base, headers: req.headers });
      }
    },
  };
}

/** The credential's Authorization replaces any the header template set, as Director's transport does. */
function withAuthorization(
  headers: Readonly<Record<string, readonly string[]>>,
  authorization: string,
): Record<string, readonly string[]> {
  const kept = Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization');
  return { ...Object.fromEntries(kept), Authorization: [authorization] };
}
