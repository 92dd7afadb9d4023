import { encodeRune } from './bytes.js';
import { type FloatFormat, formatFloat, formatFloatHex } from './format-float.js';
import { quoteRune } from './quote.js';
import type { Value } from './types.js';

/** fmt's integer and float verbs (fmtInteger, fmtFloat of fmt/print.go and fmt/format.go). */

export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number | null;
  prec: number | null;
}

/** The part of the printer the number verbs use. */
export interface PrinterCore {
  buf: string;
  f: Flags;
  pad(s: string): void;
  badVerb(verb: string, v: Value): void;
}

export function fmtInteger(p: PrinterCore, n: bigint, signed: boolean, verb: string, v: Value): void {
  const bases: Record<string, number> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 };
  if (verb === 'c') {
    p.pad(encodeRune(Number(n)));
    return;
  }
  if (verb === 'q') {
    p.pad(quoteRune(Number(n)));
    return;
  }
  if (verb === 'U') {
    p.pad(`U+${(n < 0n ? -n : n).toString(16).toUpperCase().padStart(4, '0')}`);
    return;
  }
  const base = bases[verb];
  if (base === undefined) {
    p.badVerb(verb, v);
    return;
  }
  const f = p.f;
  const negative = signed && n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  let prec = 0;
  if (f.prec !== null) {
    prec = f.prec;
    if (prec === 0 && n === 0n) {
      const oldZero = f.zero;
      f.zero = false;
      p.pad('');
      f.zero = oldZero;
      return;
    }
  } else if (f.zero && f.wid !== null) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  digits = digits.padStart(prec, '0');
  if (f.sharp) {
    if (base === 2) digits = `0b${digits}`;
    else if (base === 8 && !digits.startsWith('0')) digits = `0${digits}`;
    else if (base === 16) digits = `0${verb}${digits}`;
  }
  if (verb === 'O') digits = `0o${digits}`;
  const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  const oldZero = f.zero;
  f.zero = false;
  p.pad(sign + digits);
  f.zero = oldZero;
}

export function fmtFloat(p: PrinterCore, x: number, verb: string, v: Value): void {
  const f = p.f;
  let fmt: FloatFormat = 'g';
  let prec = -1;
  // %x of a float is hexadecimal floating point; only the shortest form is supported.
  const hex = (verb === 'x' || verb === 'X') && f.prec === null;
  if (hex) {
    // handled below
  } else if (verb === 'v') [fmt, prec] = ['g', -1];
  else if (verb === 'g' || verb === 'G') [fmt, prec] = [verb, -1];
  else if (verb === 'f' || verb === 'F' || verb === 'e' || verb === 'E') {
    [fmt, prec] = [verb === 'F' ? 'f' : verb, 6];
  } else {
    p.badVerb(verb, v);
    return;
  }
  if (f.prec !== null) prec = f.prec;
  let num = hex ? formatFloatHex(x, verb === 'X') : formatFloat(x, fmt, prec);
  num = num.startsWith('-') || num.startsWith('+') ? num : `+${num}`;
  if (f.space && num[0] === '+' && !f.plus) num = ` ${num.slice(1)}`;
  if (num[1] === 'I' || num[1] === 'N') {
    const oldZero = f.zero;
    f.zero = false;
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    p.pad(num);
    f.zero = oldZero;
    return;
  }
  if (f.plus || num[0] !== '+') {
    if (f.zero && f.wid !== null && f.wid > num.length) {
      p.buf += num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
      return;
    }
    p.pad(num);
    return;
  }
  p.pad(num.slice(1));
}
