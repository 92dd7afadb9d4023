import { RetryableError } from '../errors.js';
import { canonicalHeaderKey } from '../http/canonical-header-key.js';

/** What output and status templates see as `.Headers` and `.Body`. */
export interface ResponseObject {
  readonly Headers: Record<string, string>;
  readonly Body: Record<string, string>;
}

/**
 * Builds the template data from a webhook response (CONTRACT.md section 4): header names Go-canonical
 * with their first value; the body's top-level JSON object flattened to strings (strings as they are,
 * nulls dropped, anything else JSON-encoded). An empty body is an empty map. A body that is not a JSON
 * object is retryable: a proxy's HTML error page or a half-deployed system may answer properly later,
 * and the operation's deadline bounds the retries.
 */
export function toResponseObject(headers: Readonly<Record<string, string>>, body: string): ResponseObject {
  const canonical = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const key = canonicalHeaderKey(name);
    if (!canonical.has(key)) canonical.set(key, value);
  }
  return { Headers: Object.fromEntries(canonical), Body: flattenBody(body) };
}

function flattenBody(body: string): Record<string, string> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw notAnObject('is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw notAnObject(
      `is JSON ${parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : typeof parsed}`,
    );
  }
  // JSON.parse defines `__proto__` as an own key and Object.fromEntries does the same, so a hostile key
  // cannot reach the prototype.
  const flat: [string, string][] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null) continue;
    flat.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return Object.fromEntries(flat);
}

function notAnObject(what: string): RetryableError {
  // The body itself is not quoted: it may be large, and it may echo request data.
  return new RetryableError(
    'RESPONSE_NOT_JSON_OBJECT',
    `webhook response body ${what}, expected a JSON object`,
  );
}
