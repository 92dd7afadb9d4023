import { b64decode, b64encode } from './base64.js';
import { FuncError } from './errors.js';
import { sprint } from './fmt.js';
import { fn, type GoFunc } from './functions.js';
import { marshal, UnsupportedValue } from './json-encode.js';
import { quote as goQuote } from './quote.js';
import { sprintf } from './sprintf.js';
import { deleteWhiteSpace, replaceAll, split, toLower, toUpper, trim, trimSpace } from './strings.js';
import { isTrue } from './truth.js';
import {
  bool,
  box,
  elem,
  isIntKind,
  isUintKind,
  methodSet,
  type RValue,
  sliceItems,
  sliceOf,
  str,
  T,
  type Value,
} from './types.js';

/**
 * The sprig (v3) functions Director's FuncMap provides that this renderer supports, with sprig's
 * argument order and behaviour. Director registers all of sprig; templates using others fail to parse
 * here with Go's "function not defined".
 */

const S = T.string;
const ANY = T.iface;
const ANYS = sliceOf(T.iface);
const s = (v: RValue | undefined): string => String(v?.v ?? '');
const n = (v: RValue | undefined): number => Number(v?.v ?? 0);

/** sprig's empty: the zero value of its type (structs never are). */
function empty(v: RValue): boolean {
  if (!v) return true;
  if (v.t.kind === 'struct') return false;
  return !isTrue(v)[0];
}

/** sprig's strval. */
export function strval(v: RValue): string {
  if (!v) return sprint([null]);
  if (v.t === T.string) return v.v as string;
  if (v.t.kind === 'slice' && v.t.elem?.kind === 'uint8' && v.t.name === '[]uint8') {
    return sliceItems(v)
      .map((b) => String.fromCharCode(Number(b.v)))
      .join('');
  }
  const stringer = methodSet(v.t).find(
    (m) => (m.name === 'Error' || m.name === 'String') && m.params.length === 0,
  );
  if (stringer) return s(stringer.call(v, []));
  return sprintf('%v', [v]);
}

/** spf13/cast's ToInt as sprig's slice uses it. */
function toInt(v: RValue): number {
  if (!v) return 0;
  if (isIntKind(v.t.kind) || isUintKind(v.t.kind)) return Number(v.v);
  if (v.t.kind === 'float64') return Math.trunc(v.v as number);
  if (v.t.kind === 'bool') return v.v ? 1 : 0;
  if (v.t.kind === 'string') {
    const m = /^[+-]?\d+$/.exec(v.v as string);
    return m ? Number(v.v) : 0;
  }
  return 0;
}

/** sprig's slice (it replaces Go's builtin of the same name in Director's FuncMap). */
function sprigSlice(list: RValue, indices: RValue[]): RValue {
  // reflect.TypeOf(nil).Kind() dereferences a nil type: Go panics, and the template reports it.
  if (!list) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
  if (list.t.kind !== 'slice')
    throw new FuncError(`list should be type of slice or array but ${kindName(list)}`);
  const items = sliceItems(list);
  if (items.length === 0) return box(null);
  const start = indices.length > 0 ? toInt(indices[0] ?? null) : 0;
  const end = indices.length < 2 ? items.length : toInt(indices[1] ?? null);
  if (start < 0 || end > items.length || start > end) {
    throw new FuncError(`reflect: slice index out of range`);
  }
  return box({ t: list.t, v: items.slice(start, end) });
}

function kindName(v: Value): string {
  const k = v.t.kind;
  if (k === 'float64' || k === 'string' || k === 'bool' || k === 'map' || k === 'struct' || k === 'interface')
    return k;
  if (k === 'ptr') return 'ptr';
  return k;
}

function strslice(v: RValue): string[] {
  if (!v) return [];
  if (v.t.kind === 'slice') {
    return sliceItems(v)
      .map((item) => (item.t.kind === 'interface' ? elem(item) : item))
      .filter((x): x is Value => x !== null)
      .map(strval);
  }
  return [strval(v)];
}

const strFn = (params: number, body: (args: string[], raw: RValue[]) => string): GoFunc =>
  fn(Array(params).fill(S), (args) => str(body(args.map(s), args)));

export function sprigFuncs(): Map<string, GoFunc> {
  return new Map<string, GoFunc>([
    [
      'default',
      fn(
        [ANY, ANYS],
        ([d = null, ...given]) => box(given.length === 0 || empty(given[0] ?? null) ? d : (given[0] ?? null)),
        { variadic: true },
      ),
    ],
    ['empty', fn([ANY], ([v = null]) => bool(empty(v)))],
    ['coalesce', fn([ANYS], (args) => box(args.find((a) => !empty(a)) ?? null), { variadic: true })],
    ['ternary', fn([ANY, ANY, T.bool], ([vt = null, vf = null, c]) => box(c?.v ? vt : vf))],
    [
      'quote',
      fn(
        [ANYS],
        (args) =>
          str(
            args
              .filter((a) => a !== null)
              .map((a) => goQuote(strval(a)))
              .join(' '),
          ),
        { variadic: true },
      ),
    ],
    [
      'squote',
      fn(
        [ANYS],
        (args) =>
          str(
            args
              .filter((a) => a !== null)
              .map((a) => `'${sprintf('%v', [a])}'`)
              .join(' '),
          ),
        { variadic: true },
      ),
    ],
    [
      'cat',
      fn(
        [ANYS],
        (args) =>
          str(
            args
              .filter((a) => a !== null)
              .map((a) => sprintf('%v', [a]))
              .join(' '),
          ),
        { variadic: true },
      ),
    ],
    ['upper', strFn(1, ([x = '']) => toUpper(x))],
    ['lower', strFn(1, ([x = '']) => toLower(x))],
    ['trim', strFn(1, ([x = '']) => trimSpace(x))],
    ['trimAll', strFn(2, ([a = '', b = '']) => trim(b, a))],
    ['trimPrefix', strFn(2, ([a = '', b = '']) => (b.startsWith(a) ? b.slice(a.length) : b))],
    [
      'trimSuffix',
      strFn(2, ([a = '', b = '']) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
    ],
    ['replace', strFn(3, ([o = '', nw = '', src = '']) => replaceAll(src, o, nw))],
    ['nospace', strFn(1, ([x = '']) => deleteWhiteSpace(x))],
    ['b64enc', strFn(1, ([x = '']) => b64encode(x))],
    [
      'b64dec',
      strFn(1, ([x = '']) => {
        const r = b64decode(x);
        return r.ok ? r.value : r.error;
      }),
    ],
    ['hasPrefix', fn([S, S], ([a, b]) => bool(s(b).startsWith(s(a))))],
    ['hasSuffix', fn([S, S], ([a, b]) => bool(s(b).endsWith(s(a))))],
    [
      'repeat',
      fn([T.int, S], ([c, x]) => {
        if (n(c) < 0) throw new FuncError('strings: negative Repeat count');
        return str(s(x).repeat(n(c)));
      }),
    ],
    [
      'trunc',
      fn([T.int, S], ([c, x]) => {
        const cnt = n(c);
        const v = s(x);
        if (cnt < 0 && v.length + cnt > 0) return str(v.slice(v.length + cnt));
        if (cnt >= 0 && v.length > cnt) return str(v.slice(0, cnt));
        return str(v);
      }),
    ],
    ['indent', fn([T.int, S], ([c, x]) => str(indent(n(c), s(x))))],
    ['nindent', fn([T.int, S], ([c, x]) => str(`\n${indent(n(c), s(x))}`))],
    [
      'toJson',
      fn([ANY], ([v = null]) => {
        try {
          return str(marshal(v));
        } catch (err) {
          if (err instanceof UnsupportedValue) return str('');
          throw err;
        }
      }),
    ],
    ['join', fn([S, ANY], ([sep, v = null]) => str(strslice(v).join(s(sep))))],
    ['splitList', fn([S, S], ([sep, orig]) => ({ t: sliceOf(S), v: split(s(orig), s(sep)).map(str) }))],
    ['slice', fn([ANY, ANYS], ([list = null, ...idx]) => sprigSlice(list, idx), { variadic: true })],
  ]);
}

function indent(spaces: number, v: string): string {
  if (spaces < 0) throw new FuncError('strings: negative Repeat count');
  const pad = ' '.repeat(spaces);
  return pad + v.replaceAll('\n', `\n${pad}`);
}
