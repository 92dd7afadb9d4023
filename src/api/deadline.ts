import { RedisUnavailableError } from '../errors.js';
import { withTimeout } from '../with-timeout.js';

/**
 * Bounds a store call: past `ms` the caller gets REDIS_UNAVAILABLE. The call itself may still land later;
 * callers only ever answer 202 after it has, so nothing is acknowledged that was not stored.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return withTimeout(work, ms, () => new RedisUnavailableError(new Error(`no answer within ${ms} ms`)));
}
