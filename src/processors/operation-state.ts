import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { Steps } from '../operations/operation.js';
import type { OperationJobData } from '../queues/job-data.js';

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * What a job learned so far, kept in its data so any replica can resume it. No credentials, no request
 * headers: Bull Board shows job data.
 */
export const JobStateSchema = Type.Object({
  webhookId: Type.Optional(Nullable(Type.String())),
  /** The operation's deadline (ms since epoch): acceptance time + the webhook's timeout. */
  deadlineAt: Type.Optional(Type.Number()),
  pollUrl: Type.Optional(Nullable(Type.String())),
  /** Polls answered "in progress", as the old controller's `retries_count`. */
  retriesCount: Type.Optional(Type.Integer()),
  /** Polls sent, whatever they answered (for the polls-per-operation metric). */
  polls: Type.Optional(Type.Integer()),
  /** Consecutive transient failures of the current step; drives the backoff. */
  attempt: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Nullable(Type.String())),
  /** When the current wait was due (ms); the poll's lateness is measured from it. */
  dueAt: Type.Optional(Nullable(Type.Number())),
  /** The result to report, set when the operation moves to finalize. */
  result: Type.Optional(Type.Object({ error: Nullable(Type.String()), notifyDirector: Type.Boolean() })),
});
export type JobState = Static<typeof JobStateSchema>;

const JobDataSchema = Type.Object({
  operationId: Type.String({ minLength: 1 }),
  applicationId: Type.String({ minLength: 1 }),
  step: Type.Union(Steps.map((s) => Type.Literal(s))),
  acceptedAt: Type.Number(),
  state: Type.Optional(JobStateSchema),
});

const checkJobData = Compile(JobDataSchema);

export interface ParsedJobData extends OperationJobData {
  state: JobState;
}

/** Job data arrives from Redis as unknown; checked here, at the edge. */
export function parseJobData(data: unknown): ParsedJobData | { error: string } {
  if (!checkJobData.Check(data)) {
    const first = checkJobData.Errors(data)[0];
    return { error: `job data ${first?.instancePath || ''} ${first?.message ?? 'is invalid'}`.trim() };
  }
  return { ...data, state: data.state ?? {} };
}
