import { decodeRune, runes } from './bytes.js';
import { type Flags, fmtFloat, fmtInteger } from './fmt-numbers.js';
import { quote } from './quote.js';
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

export const NIL = '<nil>';
// Go prints a real memory address for a pointer nested in a value; no renderer can reproduce one.
const FAKE_ADDRESS = '0xc000010000';

export const noFlags = (): Flags => ({
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

export class Printer {
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
      fmtInteger(this, value.v as bigint, true, verb, value);
      return;
    }
    if (isUintKind(t.kind)) {
      fmtInteger(this, value.v as bigint, false, verb, value);
      return;
    }
    if (t.kind === 'float64') {
      fmtFloat(this, value.v as number, verb, value);
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
