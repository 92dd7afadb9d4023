import type { DirectorWebhook } from '../../director/director-application.js';
import { canonicalHeaderKey } from '../../http/canonical-header-key.js';
import { renderHeaderTemplate } from '../../webhooks/render.js';
import type { OperationView } from '../step-context.js';

/**
 * Headers for a webhook call or poll: the rendered header template (Go-canonical names, values of the
 * same name merged), then the correlation header `<correlationIdKey>: <correlation_id>` and
 * `X-Request-Id` when the operation has a correlation ID.
 */
export function webhookHeaders(op: OperationView, webhook: DirectorWebhook): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  const add = (name: string, values: readonly string[]) => {
    const key = canonicalHeaderKey(name);
    headers[key] = [...(headers[key] ?? []), ...values];
  };
  if (webhook.headerTemplate) {
    for (const [name, values] of Object.entries(
      renderHeaderTemplate(webhook.headerTemplate, op.requestObject),
    )) {
      add(name, values);
    }
  }
  const correlationId = op.record.correlation_id;
  if (correlationId) {
    if (webhook.correlationIdKey) headers[canonicalHeaderKey(webhook.correlationIdKey)] = [correlationId];
    headers['X-Request-Id'] = [correlationId];
  }
  return headers;
}
