import { decodeRune, encodeRune } from './bytes.js';
import { NIL, noFlags, Printer } from './fmt.js';
import { isIntKind, type RValue } from './types.js';

/** fmt.Sprintf: the format-string walk (flags, width, precision, verbs, MISSING and EXTRA). */

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
