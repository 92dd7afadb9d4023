/**
 * The error vocabulary. Codes are stable strings: clients and dashboards key on them, so a code never
 * changes meaning once published.
 */
export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, statusCode = 500, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

/** Bad input from a caller: answered with a 4xx and changes nothing. */
export class ValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('VALIDATION_FAILED', message, 400, details);
  }
}

/** Redis could not be reached in time: the caller may retry, nothing was stored. */
export class RedisUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super('REDIS_UNAVAILABLE', 'the operations store is unavailable, retry later', 503);
    this.cause = cause;
  }
}

/** A failure that may pass on its own (network, timeout, 5xx): the step is tried again later. */
export class RetryableError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableError';
    this.code = code;
  }
}

/** A failure that will not pass by retrying (bad template, missing webhook): the operation fails now. */
export class PermanentError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
    this.code = code;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
