import { eq, le, lt } from './compare.js';
import { FuncError } from './errors.js';
import { htmlEscape, jsEscape, queryEscape } from './escapers.js';
import { sprint, sprintln } from './fmt.js';
import { fn, type GoFunc } from './functions.js';
import { sprintf } from './sprintf.js';
import { isTrue } from './truth.js';
import {
  assignableTo,
  bool,
  indirect,
  indirectInterface,
  int,
  isIntKind,
  isUintKind,
  lengthOf,
  mapEntries,
  type RValue,
  sliceItems,
  sliceOf,
  str,
  T,
  type Value,
  zeroValue,
} from './types.js';

/** text/template's builtin functions (funcs.go), with Go's signatures and error texts. */

const RV = T.rvalue;
const RVS = sliceOf(T.rvalue);
const ANYS = sliceOf(T.iface);

const truth = (v: RValue): boolean => isTrue(indirectInterface(v))[0];

/** evalArgs of html/js/urlquery: a lone string as is, otherwise fmt.Sprint of printable values. */
function evalArgs(args: RValue[]): string {
  const first = args[0];
  if (args.length === 1 && first && first.t === T.string) return first.v as string;
  return sprint(
    args.map((a) => {
      const v = a && a.t.kind === 'ptr' ? indirect(a)[0] : a;
      return v ?? str('<no value>');
    }),
  );
}

function indexArg(index: RValue, cap: number): number {
  if (!index) throw new FuncError('cannot index slice/array with nil');
  let x: bigint;
  if (isIntKind(index.t.kind) || isUintKind(index.t.kind)) x = index.v as bigint;
  else throw new FuncError(`cannot index slice/array with type ${index.t.name}`);
  if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

function index(itemIn: RValue, indexes: RValue[]): RValue {
  let item = indirectInterface(itemIn);
  if (!item) throw new FuncError('index of untyped nil');
  for (const idx of indexes) {
    const i = indirectInterface(idx);
    if (!item) throw new FuncError('index of untyped nil');
    const [target, nil] = indirect(item);
    if (nil) throw new FuncError('index of nil pointer');
    const k = target.t.kind;
    if (k === 'slice' || k === 'string') {
      const len = lengthOf(target);
      const x = indexArg(i ?? null, len);
      if (x === len)
        throw new FuncError(`reflect: ${k === 'string' ? 'string' : 'slice'} index out of range`);
      item =
        k === 'string'
          ? { t: T.uint8, v: BigInt((target.v as string).charCodeAt(x)) }
          : { ...(sliceItems(target)[x] as Value), addr: true };
    } else if (k === 'map') {
      const keyType = target.t.key ?? T.string;
      if (!i) throw new FuncError(`value is nil; should be of type ${keyType.name}`);
      if (!assignableTo(i.t, keyType)) {
        throw new FuncError(`value has type ${i.t.name}; should be ${keyType.name}`);
      }
      item = mapEntries(target).get(i.v as string) ?? zeroValue(target.t.elem ?? T.iface);
    } else {
      throw new FuncError(`can't index item of type ${target.t.name}`);
    }
  }
  return item;
}

function length(itemIn: RValue): RValue {
  if (!itemIn) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  const [item, nil] = indirect(itemIn);
  if (nil) throw new FuncError('len of nil pointer');
  const k = item.t.kind;
  if (k === 'slice' || k === 'map' || k === 'string') return int(lengthOf(item));
  throw new FuncError(`len of type ${item.t.name}`);
}

const compare = (op: (a: RValue, b: RValue) => boolean) =>
  fn([RV, RV], ([a = null, b = null]) => bool(op(a, b)), { results: 2, builtin: true });

export function builtinFuncs(): Map<string, GoFunc> {
  return new Map<string, GoFunc>([
    // and/or are evaluated lazily by the executor; these bodies are never called.
    ['and', fn([RV, RVS], () => null, { variadic: true, builtin: true })],
    ['or', fn([RV, RVS], () => null, { variadic: true, builtin: true })],
    ['not', fn([RV], ([a = null]) => bool(!truth(a)), { builtin: true })],
    ['len', fn([RV], ([a = null]) => length(a), { results: 2, builtin: true })],
    [
      'index',
      fn([RV, RVS], ([a = null, ...rest]) => index(a, rest), { variadic: true, results: 2, builtin: true }),
    ],
    [
      'call',
      fn(
        [RV, RVS],
        ([f = null]) => {
          const v = indirectInterface(f);
          if (!v) throw new FuncError('call of nil');
          throw new FuncError(`non-function of type ${v.t.name}`);
        },
        { variadic: true, results: 2, builtin: true },
      ),
    ],
    ['html', fn([ANYS], (args) => str(htmlEscape(evalArgs(args))), { variadic: true, builtin: true })],
    ['js', fn([ANYS], (args) => str(jsEscape(evalArgs(args))), { variadic: true, builtin: true })],
    ['urlquery', fn([ANYS], (args) => str(queryEscape(evalArgs(args))), { variadic: true, builtin: true })],
    ['print', fn([ANYS], (args) => str(sprint(args)), { variadic: true, builtin: true })],
    ['println', fn([ANYS], (args) => str(sprintln(args)), { variadic: true, builtin: true })],
    [
      'printf',
      fn([T.string, ANYS], ([format, ...args]) => str(sprintf(String(format?.v ?? ''), args)), {
        variadic: true,
        builtin: true,
      }),
    ],
    [
      'eq',
      fn([RV, RVS], ([a = null, ...rest]) => bool(eq(a, rest)), {
        variadic: true,
        results: 2,
        builtin: true,
      }),
    ],
    ['ne', compare((a, b) => !eq(a, [b]))],
    ['lt', compare(lt)],
    ['le', compare(le)],
    ['gt', compare((a, b) => !le(a, b))],
    ['ge', compare((a, b) => !lt(a, b))],
  ]);
}
