import type { OperationRecord, Step } from '../operations/operation.js';
import { finishedRecord } from '../operations/operation-store.js';
import type { Outcome, StepName } from './outcome.js';

/** The step a job is on after `outcome`. */
export function nextStep(step: StepName, outcome: Outcome): Step {
  switch (outcome.kind) {
    case 'next':
      return outcome.step;
    case 'finish':
      return 'finalize';
    case 'wait':
      return outcome.step ?? step;
    case 'retry':
      return step;
    case 'done':
      return 'done';
  }
}

/** The operation record after a step: its progress applied, or finished once Director has the result. */
export function advanceRecord(
  record: OperationRecord,
  step: StepName,
  outcome: Outcome,
  nowIso: string,
): OperationRecord {
  if (outcome.kind === 'done') {
    return finishedRecord(record, outcome.error ? 'FAILED' : 'SUCCEEDED', outcome.error, nowIso);
  }
  return { ...record, step: nextStep(step, outcome), ...outcome.progress, updated_at: nowIso };
}
