import type { Step } from '../operations/operation.js';

/**
 * What a job carries: the operation it drives and the step it is on, plus what earlier steps learned,
 * so any worker replica can resume it. Never credentials or request headers: the board shows job data.
 * The worker owns the shape of `state`; the intake only writes the initial step.
 */
export interface OperationJobData {
  operationId: string;
  applicationId: string;
  step: Step;
  /** When the intake accepted the operation (ms since epoch); deadlines are measured from here. */
  acceptedAt: number;
  state?: Record<string, unknown>;
}
