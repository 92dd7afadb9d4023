import type { Clock } from '../clock.js';
import type { DirectorApplication } from '../director/director-application.js';
import type { DirectorCallContext, DirectorClient } from '../director/director-client.js';
import type { OperationRecord } from '../operations/operation.js';
import type { RequestObject } from '../operations/request-object.js';
import type { WebhookClient } from '../webhooks/webhook-client.js';
import type { ParsedJobData } from './operation-state.js';

export interface StepSettings {
  /** Used when a webhook has no timeout of its own. */
  readonly defaultTimeoutSeconds: number;
  /** Used when a webhook has no retryInterval. */
  readonly defaultPollIntervalSeconds: number;
  readonly retryMaxBackoffSeconds: number;
  readonly finalizeMaxBackoffSeconds: number;
}

/** What every step may use: outbound clients, the clock and settings. No queue, no metrics, no store. */
export interface StepContext {
  readonly director: DirectorClient;
  readonly webhooks: WebhookClient;
  readonly clock: Clock;
  readonly settings: StepSettings;
}

/** The operation as a step sees it: the job's data plus the stored request. */
export interface OperationView {
  readonly job: ParsedJobData;
  readonly record: OperationRecord;
  /** The request object with its headers, as the request-side templates see it. */
  readonly requestObject: RequestObject;
  /** The application as the previous step of this same run fetched it, if any. */
  readonly application?: DirectorApplication;
}

export function directorContext(op: OperationView): DirectorCallContext {
  return { tenant: op.requestObject.TenantID, correlationId: op.record.correlation_id };
}

export function isUnregister(op: OperationView): boolean {
  return op.record.operation_category === 'unregisterApplication';
}
