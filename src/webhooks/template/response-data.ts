import { toBytes } from './bytes.js';
import { RESPONSE_OBJECT } from './director-types.js';
import { mapOf, T, type Value } from './types.js';

/** The template data for output and status templates: webhook.ResponseObject{Body, Headers}. */
export function responseData(response: {
  Headers: Record<string, string>;
  Body: Record<string, string>;
}): Value {
  const toMap = (record: Record<string, string>): Value => {
    const m = new Map<string, Value>();
    for (const [k, v] of Object.entries(record)) m.set(toBytes(k), { t: T.string, v: toBytes(String(v)) });
    return { t: mapOf(T.string, T.string), v: m };
  };
  return { t: RESPONSE_OBJECT, v: [toMap(response.Body), toMap(response.Headers)] };
}
