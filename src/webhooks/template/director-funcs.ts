import { RAW_MESSAGE } from './director-types.js';
import { FuncError } from './errors.js';
import { fn, type GoFunc } from './functions.js';
import { sprintf } from './sprintf.js';
import {
  bool,
  elem,
  methodSet,
  ptrTo,
  type RValue,
  sliceItems,
  sliceOf,
  str,
  T,
  type Value,
} from './types.js';

/** The functions Director adds to its template FuncMap (pkg/templatehelper), with the same signatures. */

const BYTES = sliceOf(T.uint8);
const bytesOf = (v: RValue): string =>
  sliceItems(v as Value)
    .map((b) => String.fromCharCode(Number(b.v)))
    .join('');

function stringify(v: RValue): string {
  if (!v) return sprintf('%v', [null]);
  if (v.t === T.string) return v.v as string;
  if (v.t === ptrTo(T.string)) {
    const target = elem(v);
    if (!target) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
    return target.v as string;
  }
  if (v.t === BYTES) return bytesOf(v);
  const m = methodSet(v.t).find((x) => (x.name === 'Error' || x.name === 'String') && x.params.length === 0);
  if (m) return String(m.call(v, [])?.v ?? '');
  return sprintf('%v', [v]);
}

export function directorFuncs(): Map<string, GoFunc> {
  return new Map<string, GoFunc>([
    [
      'contains',
      fn([RAW_MESSAGE, T.string], ([raw, sub]) => bool(bytesOf(raw ?? null).includes(String(sub?.v ?? '')))),
    ],
    [
      'Join',
      fn([sliceOf(T.string)], ([elems]) => {
        const items = sliceItems(elems as Value).map((e) => e.v as string);
        return str(items.length === 0 ? '' : `"${items.join('", "')}"`);
      }),
    ],
    [
      'mkslice',
      fn(
        [sliceOf(T.string)],
        (args) => ({ t: sliceOf(T.string), v: args.map((a) => str(String(a?.v ?? ''))) }),
        { variadic: true },
      ),
    ],
    ['stringify', fn([T.iface], ([v = null]) => str(stringify(v)))],
    [
      'toString',
      fn([BYTES], ([b = null]) => {
        const text = b ? bytesOf(b) : '';
        return text === '' ? { t: ptrTo(T.string), v: null } : { t: ptrTo(T.string), v: str(text) };
      }),
    ],
  ]);
}
