import { FuncError } from './errors.js';
import { sprint, sprintVerb } from './fmt.js';
import { elem, indirectInterface, isIntKind, isNil, isUintKind, type RValue, type Value } from './types.js';

/** The comparison builtins (eq ne lt le gt ge) with Go's basic-kind rules and error texts. */

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: RValue): BasicKind {
  if (!v) return 'invalid';
  const k = v.t.kind;
  if (k === 'bool') return 'bool';
  if (isIntKind(k)) return 'int';
  if (isUintKind(k)) return 'uint';
  if (k === 'float64') return 'float';
  if (k === 'string') return 'string';
  return 'invalid';
}

const badType = (): FuncError => new FuncError('invalid type for comparison');
const bad = (): FuncError => new FuncError('incompatible types for comparison');

/** Go's == on two comparable values of the same type (pointers compare by identity). */
function sameValue(a: Value, b: Value): boolean {
  if (a.t.kind === 'ptr') return a.v === b.v;
  if (a.t.kind === 'interface') {
    const x = elem(a);
    const y = elem(b);
    if (!x || !y) return x === y;
    return x.t === y.t && sameValue(x, y);
  }
  if (a.t.kind === 'struct') {
    const xs = a.v as Value[];
    const ys = b.v as Value[];
    return xs.every((x, i) => sameValue(x, ys[i] as Value));
  }
  return a.v === b.v;
}

function comparable(v: Value): boolean {
  const k = v.t.kind;
  if (k === 'slice' || k === 'map') return false;
  if (k === 'struct') return (v.v as Value[]).every(comparable);
  return true;
}

const nilLike = (v: RValue): boolean => !v || isNil(v);

function eqOne(arg1: RValue, argIn: RValue): boolean {
  const arg = indirectInterface(argIn);
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (arg1?.v as bigint) >= 0n && arg1?.v === arg?.v;
    if (k1 === 'uint' && k2 === 'int') return (arg?.v as bigint) >= 0n && arg1?.v === arg?.v;
    if (arg1 && arg) throw bad();
    return false;
  }
  if (k1 !== 'invalid') return arg1?.v === arg?.v;
  if (arg1 && arg && arg1.t.kind !== arg.t.kind) {
    throw new FuncError(
      `non-comparable types ${sprintVerb('s', arg1)}: ${arg1.t.name}, ${arg.t.name}: ${sprint([arg])}`,
    );
  }
  if (nilLike(arg1) || nilLike(arg)) return nilLike(arg) === nilLike(arg1);
  const a = arg1 as Value;
  const b = arg as Value;
  if (!comparable(b)) throw new FuncError(`non-comparable type ${sprintVerb('s', b)}: ${b.t.name}`);
  return a.t === b.t && sameValue(a, b);
}

export function eq(arg1In: RValue, rest: RValue[]): boolean {
  const arg1 = indirectInterface(arg1In);
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  for (const arg of rest) if (eqOne(arg1, arg)) return true;
  return false;
}

export function lt(a1: RValue, a2: RValue): boolean {
  const arg1 = indirectInterface(a1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw badType();
  const arg2 = indirectInterface(a2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw badType();
  const x = arg1?.v as bigint | number | string | boolean;
  const y = arg2?.v as bigint | number | string | boolean;
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (x as bigint) < 0n || (x as bigint) < (y as bigint);
    if (k1 === 'uint' && k2 === 'int') return (y as bigint) >= 0n && (x as bigint) < (y as bigint);
    throw bad();
  }
  if (k1 === 'bool') throw badType();
  return x < y;
}

export function le(a1: RValue, a2: RValue): boolean {
  return lt(a1, a2) || eq(a1, [a2]);
}
