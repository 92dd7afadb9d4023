import type { DirectorApplication } from '../director/director-application.js';
import type { OperationEvent, OperationProgress, Step } from '../operations/operation.js';
import type { JobState } from './operation-state.js';

interface Reported {
  /** Progress to show in the operation record. */
  progress?: OperationProgress;
  /** Outbound exchanges to append to the operation's history (and count in metrics). */
  events?: OperationEvent[];
}

/**
 * What a step decided. Steps only return these; `run-step.ts` alone turns them into BullMQ actions,
 * record writes, logs and metrics.
 */
export type Outcome =
  /**
   * Go on with another step now, in the same job run. `application` is handed to that step in memory
   * only (it holds credentials, so it never goes into the job), sparing it a second fetch.
   */
  | ({ kind: 'next'; step: Step; state: JobState; application?: DirectorApplication } & Reported)
  /** Run the same step again after `delayMs` (an in-progress poll), without holding a worker slot. */
  | ({ kind: 'wait'; delayMs: number; state: JobState; step?: StepName } & Reported)
  /** A transient failure: run the same step again after a backoff. */
  | ({ kind: 'retry'; delayMs: number; error: string; state: JobState } & Reported)
  /** The operation's result is known: report it to Director (or not, when `notifyDirector` is false). */
  | ({ kind: 'finish'; error: string | null; notifyDirector: boolean; state: JobState } & Reported)
  /** Director accepted the result (or was not to be told): the operation is over. */
  | ({ kind: 'done'; error: string | null } & Reported);

export type StepName = Exclude<Step, 'done'>;
