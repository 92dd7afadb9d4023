import type { BasicCredential, DirectorWebhook, OAuthCredential } from '../director/director-application.js';
import { PermanentError } from '../errors.js';

/** Director's access strategy for calls that authenticate with the configured client certificate. */
export const MTLS_ACCESS_STRATEGY = 'sap:cmp-mtls:v1';
export const OPEN_ACCESS_STRATEGY = 'open';

/** How a webhook call authenticates. */
export type WebhookAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly credential: BasicCredential }
  | { readonly kind: 'oauth'; readonly credential: OAuthCredential }
  | { readonly kind: 'mtls' };

/**
 * Picks the auth flow (CONTRACT.md section 4), in Director's webhook client's order: the mTLS access
 * strategy wins, `open` means none, then the credential decides. CertificateOAuthCredentialData is
 * refused: neither Director's webhook client nor the old controller ever applied it (they sent such
 * calls without credentials), and calling an external system unauthenticated is worse than failing.
 */
export function webhookAuth(webhook: Pick<DirectorWebhook, 'auth'>): WebhookAuth {
  const auth = webhook.auth;
  if (auth === null) return { kind: 'none' };
  if (auth.accessStrategy === MTLS_ACCESS_STRATEGY) return { kind: 'mtls' };
  if (auth.accessStrategy === OPEN_ACCESS_STRATEGY) return { kind: 'none' };
  switch (auth.credential?.__typename) {
    case 'BasicCredentialData':
      return { kind: 'basic', credential: auth.credential };
    case 'OAuthCredentialData':
      return { kind: 'oauth', credential: auth.credential };
    default:
      throw new PermanentError('AUTH_FLOW_UNKNOWN', 'could not determine auth flow for webhook');
  }
}

/** `Basic base64(user:password)`, as Go's Request.SetBasicAuth writes it. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
