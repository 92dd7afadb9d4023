/**
 * Capped exponential backoff for transient failures: 1 s, 2 s, 4 s ... never faster than 1 s (the old
 * controller's nanosecond retry loop is what this replaces) and never slower than `capSeconds`.
 */
export function backoffMs(attempt: number, capSeconds: number, floorSeconds = 1): number {
  const seconds = Math.min(capSeconds, Math.max(floorSeconds, 2 ** Math.max(0, attempt)));
  return Math.max(1000, Math.round(seconds * 1000));
}
