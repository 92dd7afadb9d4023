import type { RequestObject } from './request-object.js';

export const OperationStatus = {
  InProgress: 'IN_PROGRESS',
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
} as const;
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

/** The two operations this service runs, as Director names them (type + category always travel together). */
export const OperationKinds = [
  { type: 'Delete', category: 'unregisterApplication' },
  { type: 'Update', category: 'unpairApplication' },
] as const;
export type OperationType = (typeof OperationKinds)[number]['type'];
export type OperationCategory = (typeof OperationKinds)[number]['category'];

/** Where the worker is with an operation; `done` means Director has accepted the result. */
export const Steps = ['fetch', 'call', 'poll', 'finalize', 'done'] as const;
export type Step = (typeof Steps)[number];

/** What the old Operation resource's `status.webhooks[]` held, for callers that poll progress. */
export interface WebhookProgress {
  webhook_id: string;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'RETRYABLE';
  retries_count: number;
  webhook_poll_url: string | null;
  last_poll_timestamp: string | null;
}

/** One outbound exchange, kept in a bounded per-operation history. */
export interface OperationEvent {
  at: string;
  kind: 'director_fetch' | 'webhook_call' | 'webhook_poll' | 'director_finalize' | 'state';
  outcome: string;
  http_status?: number | null;
  duration_ms?: number;
  /** For polls: how long after its due time the poll was sent. */
  lateness_ms?: number;
  error?: string;
}

/** The request as the caller sent it, minus the request object's headers (kept apart, never served). */
export interface OperationRequest {
  operation_type: OperationType;
  operation_category: OperationCategory;
  resource_type: 'application';
  resource_id: string;
  correlation_id: string | null;
  webhook_ids: string[];
  request_object: Omit<RequestObject, 'Headers'>;
}

export interface OperationRecord extends OperationRequest {
  operation_id: string;
  status: OperationStatus;
  /** The error reported to Director (null on success or while running). */
  error: string | null;
  step: Step;
  /** The last transient error, while the worker keeps retrying. */
  last_error: string | null;
  webhook: WebhookProgress | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** Fields the worker may change while it drives an operation. */
export type OperationProgress = Partial<Pick<OperationRecord, 'step' | 'last_error' | 'webhook'>>;

export function isOperationKind(type: string, category: string): boolean {
  return OperationKinds.some((k) => k.type === type && k.category === category);
}
