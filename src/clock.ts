/** Injected wherever time matters, so deadlines and timestamps are testable with a fixed clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
