import { decodeRune, encodeRune, runes } from './bytes.js';
import { type FloatFormat, formatFloat, formatFloatHex } from './format-float.js';
import { quote, quoteRune } from './quote.js';
import {
  elem,
  type GoType,
  isIntKind,
  isNil,
  isUintKind,
  mapEntries,
  methodSet,
  type RValue,
  sliceItems,
  type Value,
} from './types.js';

/**
 * Go's fmt printing (Sprint, Sprintln, Sprintf) over the reflect model, for the verbs templates use:
 * v +v s q d x X o b c e E f F g G t T and %%. Output is a byte string.
 */

const NIL = '<nil>';
// Go prints a real memory address for a pointer nested in a value; no renderer can reproduce one.
const FAKE_ADDRESS = '0xc000010000';

interface Flags {
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

const noFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
  wid: null,
  prec: null,
});

/** The fmt.Stringer / error method of a value, when its method set has one. */
function stringMethod(v: Value): string | null {
  if (v.ro) return null;
  for (const m of methodSet(v.t)) {
    if ((m.name === 'Error' || m.name === 'String') && m.params.length === 0 && m.results === 1) {
      const r = m.call(v, []);
      return r ? String(r.v) : '';
    }
  }
  return null;
}

class Printer {
  buf = '';
  f: Flags = noFlags();

  pad(s: string): void {
    const f = this.f;
    if (f.wid === null || f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = f.wid - runes(s).length;
    if (!f.minus) {
      this.buf += (f.zero ? '0' : ' ').repeat(Math.max(width, 0)) + s;
    } else {
      this.buf += s + ' '.repeat(Math.max(width, 0));
    }
  }

  badVerb(verb: string, v: RValue): void {
    this.buf += `%!${verb}(`;
    if (v) {
      // Go prints the operand with the verb's own width and precision still in force.
      this.buf += `${v.t.name}=`;
      this.printArg(v, 'v');
    } else {
      this.buf += NIL;
    }
    this.buf += ')';
  }

  fmtInteger(n: bigint, signed: boolean, verb: string, v: Value): void {
    const bases: Record<string, number> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 };
    if (verb === 'c') {
      this.pad(encodeRune(Number(n)));
      return;
    }
    if (verb === 'q') {
      this.pad(quoteRune(Number(n)));
      return;
    }
    if (verb === 'U') {
      this.pad(`U+${(n < 0n ? -n : n).toString(16).toUpperCase().padStart(4, '0')}`);
      return;
    }
    const base = bases[verb];
    if (base === undefined) {
      this.badVerb(verb, v);
      return;
    }
    const f = this.f;
    const negative = signed && n < 0n;
    let digits = (negative ? -n : n).toString(base);
    if (verb === 'X') digits = digits.toUpperCase();
    let prec = 0;
    if (f.prec !== null) {
      prec = f.prec;
      if (prec === 0 && n === 0n) {
        const oldZero = f.zero;
        f.zero = false;
        this.pad('');
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
    this.pad(sign + digits);
    f.zero = oldZero;
  }

  fmtFloat(x: number, verb: string, v: Value): void {
    const f = this.f;
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
      this.badVerb(verb, v);
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
      this.pad(num);
      f.zero = oldZero;
      return;
    }
    if (f.plus || num[0] !== '+') {
      if (f.zero && f.wid !== null && f.wid > num.length) {
        this.buf += num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  truncate(s: string): string {
    const prec = this.f.prec;
    if (prec === null) return s;
    let i = 0;
    for (let n = 0; n < prec && i < s.length; n++) i += decodeRune(s, i)[1];
    return s.slice(0, i);
  }

  fmtString(s: string, verb: string, v: Value): void {
    switch (verb) {
      case 'v':
      case 's':
        this.pad(this.truncate(s));
        return;
      case 'q':
        this.pad(quote(this.truncate(s), this.f.plus));
        return;
      case 'x':
      case 'X': {
        let hex = '';
        for (const ch of this.truncate(s)) hex += ch.charCodeAt(0).toString(16).padStart(2, '0');
        this.pad(verb === 'X' ? hex.toUpperCase() : hex);
        return;
      }
    }
    this.badVerb(verb, v);
  }

  /** fmt's printArg for one interface operand (its dynamic value, or null for a nil interface). */
  printArg(arg: RValue, verb: string): void {
    if (!arg) {
      if (verb === 'v' || verb === 'T') this.pad(NIL);
      else this.badVerb(verb, null);
      return;
    }
    if (verb === 'T') {
      this.pad(arg.t.name);
      return;
    }
    this.printValue(arg, verb, 0);
  }

  printValue(value: Value, verb: string, depth: number): void {
    if (['v', 's', 'x', 'X', 'q'].includes(verb) && !this.f.sharpV) {
      const s = stringMethod(value);
      if (s !== null) {
        this.fmtString(s, verb, value);
        return;
      }
    }
    const t = value.t;
    if (t.kind === 'bool') {
      if (verb === 'v' || verb === 't') {
        this.pad(value.v ? 'true' : 'false');
        return;
      }
      this.badVerb(verb, value);
      return;
    }
    if (isIntKind(t.kind)) {
      this.fmtInteger(value.v as bigint, true, verb, value);
      return;
    }
    if (isUintKind(t.kind)) {
      this.fmtInteger(value.v as bigint, false, verb, value);
      return;
    }
    if (t.kind === 'float64') {
      this.fmtFloat(value.v as number, verb, value);
      return;
    }
    if (t.kind === 'string') {
      this.fmtString(value.v as string, verb, value);
      return;
    }
    if (t.kind === 'map') {
      this.buf += 'map[';
      const entries = [...mapEntries(value).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      entries.forEach(([k, v], i) => {
        if (i > 0) this.buf += ' ';
        this.printValue({ t: t.key as GoType, v: k }, verb, depth + 1);
        this.buf += ':';
        this.printValue(v, verb, depth + 1);
      });
      this.buf += ']';
      return;
    }
    if (t.kind === 'struct') {
      this.buf += '{';
      const fields = value.v as Value[];
      (t.fields ?? []).forEach((field, i) => {
        if (i > 0) this.buf += ' ';
        if (this.f.plusV) this.buf += `${field.name}:`;
        let fv = fields[i] as Value;
        if (fv.t.kind === 'interface' && !isNil(fv)) fv = elem(fv) as Value;
        this.printValue(fv, verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    if (t.kind === 'interface') {
      const inner = elem(value);
      if (!inner) this.buf += NIL;
      else this.printValue(inner, verb, depth + 1);
      return;
    }
    if (t.kind === 'slice') {
      if (['s', 'q', 'x', 'X'].includes(verb) && t.elem?.kind === 'uint8') {
        const bytes = sliceItems(value)
          .map((b) => String.fromCharCode(Number(b.v)))
          .join('');
        this.fmtString(bytes, verb, value);
        return;
      }
      this.buf += '[';
      sliceItems(value).forEach((item, i) => {
        if (i > 0) this.buf += ' ';
        this.printValue(item, verb, depth + 1);
      });
      this.buf += ']';
      return;
    }
    if (t.kind === 'ptr') {
      const target = elem(value);
      if (depth === 0 && target && ['slice', 'struct', 'map'].includes(target.t.kind)) {
        this.buf += '&';
        this.printValue(target, verb, depth + 1);
        return;
      }
      if (verb !== 'v') {
        this.badVerb(verb, value);
        return;
      }
      this.pad(target ? FAKE_ADDRESS : NIL);
      return;
    }
    this.badVerb(verb, value);
  }
}

/** fmt.Sprint over interface operands. */
export function sprint(args: RValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = arg !== null && arg.t.kind === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** One operand with one verb, as fmt.Errorf prints a reflect.Value argument. */
export function sprintVerb(verb: string, arg: RValue): string {
  const p = new Printer();
  p.printArg(arg, verb);
  return p.buf;
}

/** fmt.Sprintln over interface operands. */
export function sprintln(args: RValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.printArg(arg, 'v');
  });
  return `${p.buf}\n`;
}

function parseNum(s: string, i: number): [number | null, number] {
  let j = i;
  while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
  if (j === i) return [null, i];
  return [Number(s.slice(i, j)), j];
}

/** fmt.Sprintf over a byte-string format and interface operands. */
export function sprintf(format: string, args: RValue[]): string {
  const p = new Printer();
  let argNum = 0;
  const intArg = (): number | null => {
    const a = args[argNum];
    if (a && isIntKind(a.t.kind)) {
      argNum++;
      return Number(a.v);
    }
    argNum++;
    return null;
  };
  let i = 0;
  while (i < format.length) {
    const next = format.indexOf('%', i);
    if (next < 0) {
      p.buf += format.slice(i);
      break;
    }
    p.buf += format.slice(i, next);
    i = next + 1;
    const f = noFlags();
    p.f = f;
    flags: for (; i < format.length; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = !f.minus;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          f.zero = false;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    if (format[i] === '*') {
      i++;
      f.wid = intArg();
      if (f.wid === null) p.buf += '%!(BADWIDTH)';
      else if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
    } else {
      [f.wid, i] = parseNum(format, i);
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        f.prec = intArg();
        if (f.prec === null || f.prec < 0) {
          if (f.prec === null) p.buf += '%!(BADPREC)';
          f.prec = null;
        }
      } else {
        const [n, j] = parseNum(format, i);
        f.prec = n ?? 0;
        i = j;
      }
    }
    if (i >= format.length) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const [r, size] = decodeRune(format, i);
    const verb = encodeRune(r);
    i += size;
    if (verb === '%') {
      p.buf += '%';
      continue;
    }
    if (argNum >= args.length) {
      p.buf += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      if (f.sharp) {
        f.sharp = false;
        f.sharpV = true;
      }
      if (f.plus) {
        f.plus = false;
        f.plusV = true;
      }
    }
    p.printArg(args[argNum] ?? null, verb);
    argNum++;
  }
  if (argNum < args.length) {
    p.f = noFlags();
    p.buf += '%!(EXTRA ';
    args.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.buf += ', ';
      if (!arg) p.buf += NIL;
      else {
        p.buf += `${arg.t.name}=`;
        p.printArg(arg, 'v');
      }
    });
    p.buf += ')';
  }
  return p.buf;
}
