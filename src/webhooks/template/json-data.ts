import { toBytes } from './bytes.js';
import { box, mapOf, type RValue, sliceOf, T, type Value } from './types.js';

/**
 * Parsed JSON as Go's encoding/json decodes it into `interface{}`: objects are
 * map[string]interface {}, arrays []interface {}, numbers float64, strings byte strings.
 */

const ANY_MAP = mapOf(T.string, T.iface);
const ANY_SLICE = sliceOf(T.iface);

export function fromJSON(data: unknown): RValue {
  if (data === null || data === undefined) return null;
  if (typeof data === 'string') return { t: T.string, v: toBytes(data) };
  if (typeof data === 'number') return { t: T.float64, v: data };
  if (typeof data === 'boolean') return { t: T.bool, v: data };
  if (Array.isArray(data)) return { t: ANY_SLICE, v: data.map((item) => box(fromJSON(item))) };
  if (typeof data === 'object') {
    const m = new Map<string, Value>();
    for (const [k, v] of Object.entries(data)) m.set(toBytes(k), box(fromJSON(v)));
    return { t: ANY_MAP, v: m };
  }
  return null;
}
