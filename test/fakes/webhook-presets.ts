import type { DirectorApplication, DirectorWebhook } from '../../src/director/director-application.js';
import type { ExternalSystemFake, ScriptedResponse } from './external-system-fake.js';

/**
 * Typical webhook definitions as Director stores them (templates from shared/spec/template-examples.md),
 * pointing at an external-system fake, plus the matching scripts. For tests and the demo.
 */

export const STATUS_TEMPLATE =
  '{ "status": "{{.Body.status}}", "success_status_code": 200, "success_status_identifier": "SUCCEEDED", "in_progress_status_identifier": "IN_PROGRESS", "failed_status_identifier": "FAILED", "error": "{{.Body.error}}" }';
export const INPUT_TEMPLATE = '{"application_id": "{{.Application.ID}}","name": "{{.Application.Name}}"}';
export const HEADER_TEMPLATE = '{"user-identity":["{{.Headers.Client_user}}"]}';

export const DELETE_PATH = '/webhook/delete';
export const OPERATION_PATH = '/webhook/delete/operation';

const base = (id: string, applicationId: string): DirectorWebhook => ({
  id,
  applicationID: applicationId,
  type: 'UNREGISTER_APPLICATION',
  mode: 'SYNC',
  correlationIdKey: null,
  retryInterval: null,
  timeout: null,
  url: null,
  urlTemplate: null,
  inputTemplate: null,
  headerTemplate: null,
  outputTemplate: null,
  statusTemplate: null,
  createdAt: '2024-01-01T00:00:00Z',
  auth: null,
});

export interface PresetOptions {
  readonly id?: string;
  readonly applicationId?: string;
  readonly overrides?: Partial<DirectorWebhook>;
}

/**
 * ASYNC, as in Compass's end-to-end tests: DELETE /webhook/delete answers 200 and the fixed location
 * /webhook/delete/operation is polled for `{"status": ...}` every `retryInterval` seconds.
 */
export function asyncWebhook(systemUrl: string, options: PresetOptions = {}): DirectorWebhook {
  return {
    ...base(options.id ?? 'webhook-async', options.applicationId ?? 'app'),
    mode: 'ASYNC',
    retryInterval: 1,
    timeout: 60,
    correlationIdKey: 'X-Correlation-Id',
    urlTemplate: `{ "method": "DELETE", "path": "${systemUrl}${DELETE_PATH}" }`,
    inputTemplate: INPUT_TEMPLATE,
    headerTemplate: HEADER_TEMPLATE,
    outputTemplate: `{ "location": "${systemUrl}${OPERATION_PATH}", "success_status_code": 200, "error": "{{.Body.error}}" }`,
    statusTemplate: STATUS_TEMPLATE,
    ...options.overrides,
  };
}

/** ASYNC taking its poll URL from the Location header of a 202, with 204 as incomplete status. */
export function asyncLocationWebhook(systemUrl: string, options: PresetOptions = {}): DirectorWebhook {
  return {
    ...asyncWebhook(systemUrl, options),
    outputTemplate:
      '{"location":"{{.Headers.Location}}","success_status_code": 202,"incomplete_status_code": 204,"error": "{{.Body.error}}"}',
    ...options.overrides,
  };
}

/** SYNC: one DELETE answering 200 ends the operation. */
export function syncWebhook(systemUrl: string, options: PresetOptions = {}): DirectorWebhook {
  return {
    ...base(options.id ?? 'webhook-sync', options.applicationId ?? 'app'),
    mode: 'SYNC',
    urlTemplate: `{"method": "DELETE","path":"${systemUrl}/api/v1/applications/{{.Application.ID}}"}`,
    inputTemplate: INPUT_TEMPLATE,
    outputTemplate: '{"location":"","success_status_code": 200,"error": "{{.Body.error}}"}',
    ...options.overrides,
  };
}

export const withBasicAuth = (
  webhook: DirectorWebhook,
  username: string,
  password: string,
): DirectorWebhook => ({
  ...webhook,
  auth: { credential: { __typename: 'BasicCredentialData', username, password }, accessStrategy: null },
});

export const withOAuth = (
  webhook: DirectorWebhook,
  tokenUrl: string,
  clientId: string,
  clientSecret: string,
): DirectorWebhook => ({
  ...webhook,
  auth: {
    credential: { __typename: 'OAuthCredentialData', clientId, clientSecret, url: tokenUrl },
    accessStrategy: null,
  },
});

export const withMtls = (webhook: DirectorWebhook): DirectorWebhook => ({
  ...webhook,
  auth: { credential: null, accessStrategy: 'sap:cmp-mtls:v1' },
});

/** An application as the Director fake seeds it. */
export function application(
  id: string,
  webhooks: readonly DirectorWebhook[],
  name = `app-${id}`,
): DirectorApplication {
  return {
    id,
    name,
    baseUrl: null,
    systemNumber: null,
    applicationTemplateID: null,
    webhooks: webhooks.map((w) => ({ ...w, applicationID: id })),
  };
}

const status = (value: string, error: string | null = null): ScriptedResponse => ({
  status: 200,
  body: { status: value, error },
});

/**
 * Scripts the external system of Compass's e2e tests: DELETE answers 200, then the operation reports
 * IN_PROGRESS `inProgressPolls` times and `final` after that (repeating).
 */
export function scriptAsyncDeletion(
  system: ExternalSystemFake,
  {
    inProgressPolls = 2,
    final = 'SUCCEEDED',
  }: { inProgressPolls?: number; final?: 'SUCCEEDED' | 'FAILED' } = {},
): void {
  system.route('DELETE', DELETE_PATH, [{ status: 200, body: {} }]);
  system.route('GET', OPERATION_PATH, [
    ...Array.from({ length: inProgressPolls }, () => status('IN_PROGRESS')),
    status(final, final === 'FAILED' ? 'deletion failed' : null),
  ]);
}
