import { RedisUnavailableError } from '../errors.js';

/**
 * Bounds a store call: past `ms` the caller gets REDIS_UNAVAILABLE. The call itself may still land later;
 * callers only ever answer 202 after it has, so nothing is acknowledged that was not stored.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(new Error(`no answer within ${ms} ms`))), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
