import type { DirectorWebhook } from '../src/director/director-application.js';
import type { DirectorFake } from '../test/fakes/director-fake.js';
import type { ExternalSystemFake, ScriptedResponse } from '../test/fakes/external-system-fake.js';
import { application, asyncWebhook, syncWebhook } from '../test/fakes/webhook-presets.js';

/**
 * The sample applications of the demo (`scripts/demo.ts`) and of the compose demo profile
 * (`scripts/fakes.ts`): each one a webhook as Director stores it, the external system's scripted answers,
 * and the result each operation kind is expected to end with.
 */

export type OperationKind = 'unregister' | 'unpair';
export const OPERATION_KINDS: readonly OperationKind[] = ['unregister', 'unpair'];

export interface Expectation {
  readonly status: 'SUCCEEDED' | 'FAILED';
  /** The operation's error (null on success). */
  readonly error: string | null;
  /** What Director's PUT /operation received: "ok", the error, or "not called". */
  readonly director: string;
}

export interface DemoSample {
  readonly name: string;
  readonly description: string;
  /** False: Director does not know the application. */
  readonly seeded: boolean;
  /** The webhook for one operation whose external-system paths start with `base` (unique per operation). */
  webhook(systemUrl: string, base: string, applicationId: string): DirectorWebhook;
  /** The external system's answers for that operation. */
  routes(base: string): readonly { method: string; path: string; responses: readonly ScriptedResponse[] }[];
  readonly expects: Readonly<Record<OperationKind, Expectation>>;
}

const ok: Expectation = { status: 'SUCCEEDED', error: null, director: 'ok' };
const failed = (error: string): Expectation => ({ status: 'FAILED', error, director: error });
const both = (e: Expectation) => ({ unregister: e, unpair: e });
const answer = (status: string, error: string | null = null): ScriptedResponse => ({
  status: 200,
  body: { status, error },
});
const FAILED_STATUS = 'webhook operation has finished with failed status';
export const TIMEOUT_ERROR = 'webhook timeout reached: polling time has expired';

/** ASYNC: DELETE <base> answers 200, <base>/status is polled every second. */
function asyncAt(systemUrl: string, base: string, applicationId: string, timeout: number): DirectorWebhook {
  return asyncWebhook(systemUrl, {
    id: `webhook-${applicationId.slice(0, 8)}`,
    applicationId,
    overrides: {
      retryInterval: 1,
      timeout,
      urlTemplate: `{ "method": "DELETE", "path": "${systemUrl}${base}" }`,
      outputTemplate: `{ "location": "${systemUrl}${base}/status", "success_status_code": 200, "error": "{{.Body.error}}" }`,
    },
  });
}

function syncAt(
  systemUrl: string,
  base: string,
  applicationId: string,
  outputTemplate?: string,
): DirectorWebhook {
  return syncWebhook(systemUrl, {
    id: `webhook-${applicationId.slice(0, 8)}`,
    applicationId,
    overrides: {
      urlTemplate: `{"method": "DELETE", "path": "${systemUrl}${base}"}`,
      ...(outputTemplate ? { outputTemplate } : {}),
    },
  });
}

export const SAMPLES: readonly DemoSample[] = [
  {
    name: 'async',
    description: 'ASYNC webhook: IN_PROGRESS three times, then SUCCEEDED',
    seeded: true,
    webhook: (url, base, id) => asyncAt(url, base, id, 60),
    routes: (base) => [
      { method: 'DELETE', path: base, responses: [{ status: 200, body: {} }] },
      {
        method: 'GET',
        path: `${base}/status`,
        responses: [answer('IN_PROGRESS'), answer('IN_PROGRESS'), answer('IN_PROGRESS'), answer('SUCCEEDED')],
      },
    ],
    expects: both(ok),
  },
  {
    name: 'sync',
    description: 'SYNC webhook answering 200',
    seeded: true,
    webhook: (url, base, id) => syncAt(url, base, id),
    routes: (base) => [{ method: 'DELETE', path: base, responses: [{ status: 200, body: {} }] }],
    expects: both(ok),
  },
  {
    name: 'gone',
    description: 'SYNC webhook answering its gone status 404: already deleted, a success',
    seeded: true,
    webhook: (url, base, id) =>
      syncAt(
        url,
        base,
        id,
        '{"location":"","success_status_code": 200,"gone_status_code": 404,"error": "{{.Body.error}}"}',
      ),
    routes: (base) => [{ method: 'DELETE', path: base, responses: [{ status: 404, body: {} }] }],
    expects: both(ok),
  },
  {
    name: 'failed',
    description: 'ASYNC webhook whose operation the external system reports FAILED',
    seeded: true,
    webhook: (url, base, id) => asyncAt(url, base, id, 60),
    routes: (base) => [
      { method: 'DELETE', path: base, responses: [{ status: 200, body: {} }] },
      // No error text: a non-empty `error` in a poll answer is a retryable error by contract.
      { method: 'GET', path: `${base}/status`, responses: [answer('IN_PROGRESS'), answer('FAILED')] },
    ],
    expects: both(failed(FAILED_STATUS)),
  },
  {
    name: 'timeout',
    description: 'ASYNC webhook with a 6 s timeout that stays IN_PROGRESS',
    seeded: true,
    webhook: (url, base, id) => asyncAt(url, base, id, 6),
    routes: (base) => [
      { method: 'DELETE', path: base, responses: [{ status: 200, body: {} }] },
      { method: 'GET', path: `${base}/status`, responses: [answer('IN_PROGRESS')] },
    ],
    expects: both(failed(TIMEOUT_ERROR)),
  },
  {
    name: 'missing',
    description: 'application unknown to Director',
    seeded: false,
    webhook: (url, base, id) => syncAt(url, base, id),
    routes: () => [],
    expects: {
      unregister: { status: 'SUCCEEDED', error: null, director: 'not called' },
      unpair: { status: 'FAILED', error: 'Application not found in director', director: 'not called' },
    },
  },
];

export interface PreparedOperation {
  readonly sample: DemoSample;
  readonly kind: OperationKind;
  readonly applicationId: string;
  /** External-system path prefix of this operation. */
  readonly base: string;
  /** The POST /v1/operations body, as Director sends it. */
  readonly body: Record<string, unknown>;
}

/**
 * Seeds Director with the sample's application (unless the sample says Director does not know it) and
 * scripts the external system, at paths unique to this operation, so every operation sees its own answers.
 * `systemUrl` is the external system as the workers reach it.
 */
export function prepareOperation(
  sample: DemoSample,
  kind: OperationKind,
  applicationId: string,
  fakes: { director: DirectorFake; system: ExternalSystemFake; systemUrl?: string },
): PreparedOperation {
  const base = `/${sample.name}/${kind}/${applicationId}`;
  const webhook = sample.webhook(fakes.systemUrl ?? fakes.system.url, base, applicationId);
  const name = `demo-${sample.name}-${kind}`;
  if (sample.seeded) fakes.director.addApplication(application(applicationId, [webhook], name));
  for (const r of sample.routes(base)) fakes.system.route(r.method, r.path, r.responses);
  const unregister = kind === 'unregister';
  const body = {
    operation_type: unregister ? 'Delete' : 'Update',
    operation_category: unregister ? 'unregisterApplication' : 'unpairApplication',
    resource_type: 'application',
    resource_id: applicationId,
    correlation_id: `demo-${sample.name}-${kind}-${applicationId.slice(0, 8)}`,
    webhook_ids: [webhook.id],
    request_object: JSON.stringify({
      Application: { id: applicationId, name, status: { condition: 'INITIAL', timestamp: null } },
      TenantID: 'demo-tenant',
      Headers: { Client_user: 'demo-user' },
    }),
  };
  return { sample, kind, applicationId, base, body };
}
