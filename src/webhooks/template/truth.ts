import { isIntKind, isUintKind, lengthOf, type RValue } from './types.js';

/** text/template's isTrue: Go's notion of an empty value. Returns [truth, ok]. */
export function isTrue(val: RValue): [boolean, boolean] {
  if (!val) return [false, true];
  const k = val.t.kind;
  if (k === 'slice' || k === 'map' || k === 'string') return [lengthOf(val) > 0, true];
  if (k === 'bool') return [val.v === true, true];
  if (k === 'ptr' || k === 'interface') return [val.v !== null, true];
  if (isIntKind(k) || isUintKind(k)) return [val.v !== 0n, true];
  if (k === 'float64') return [val.v !== 0, true];
  return [true, true];
}
