import type { OperationEvent, OperationRecord } from '../operations/operation.js';

export function operationLocation(operationId: string): string {
  return `/v1/operations/${operationId}`;
}

/** The record as served: the stored record already lacks the request headers; events are added when read. */
export function toOperationBody(record: OperationRecord, events?: OperationEvent[]) {
  return events === undefined ? record : { ...record, events };
}
