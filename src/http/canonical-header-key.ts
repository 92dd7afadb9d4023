/**
 * Go's textproto.CanonicalMIMEHeaderKey, kept private to the HTTP edge: response header names are
 * exposed to Director's templates as `.Headers.<Canonical-Name>`, so they must be spelled as Go spells
 * them (`content-type` -> `Content-Type`, `x-request-id` -> `X-Request-Id`). A name holding a byte that
 * is not a valid header token character is returned unchanged, as Go does.
 */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function canonicalHeaderKey(name: string): string {
  if (!HEADER_TOKEN.test(name)) return name;
  let upper = true;
  let out = '';
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}

/**
 * Folds Node's raw header list (name, value, name, value, ...) into canonical name -> first value, as
 * the old controller read `resp.Header[key][0]`. Built through a Map and `Object.fromEntries` so that a
 * header named `__proto__` becomes an own property instead of replacing the object's prototype.
 */
export function firstHeaderValues(rawHeaders: readonly string[]): Record<string, string> {
  const headers = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const value = rawHeaders[i + 1];
    if (name === undefined || value === undefined) continue;
    const key = canonicalHeaderKey(name);
    if (!headers.has(key)) headers.set(key, value);
  }
  return Object.fromEntries(headers);
}
