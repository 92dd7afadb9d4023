/**
 * strconv.FormatFloat(f, fmt, prec, 64) for the 'e', 'f' and 'g' formats. Shortest digits come from
 * JavaScript (both languages produce the shortest round-tripping digits); fixed precisions round the
 * exact decimal expansion half-to-even, as Go does.
 */

interface Digits {
  d: string; // significant digits, no trailing zeros; '' for zero
  dp: number; // decimal point position: value = 0.d × 10^dp
}

function shortest(f: number): Digits {
  const [mant = '0', exp = '0'] = f.toExponential().split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

/** The exact decimal expansion of a positive finite double. */
function exact(f: number): Digits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biasedExp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let d: string;
  let dp: number;
  if (exp >= 0) {
    d = (mant << BigInt(exp)).toString();
    dp = d.length;
  } else {
    d = (mant * 5n ** BigInt(-exp)).toString();
    dp = d.length + exp;
  }
  const trimmed = d.replace(/0+$/, '');
  const lead = trimmed.length - trimmed.replace(/^0+/, '').length;
  return { d: trimmed.slice(lead), dp: dp - lead };
}

/** Rounds to nd significant digits, half to even on exact ties (Go's decimal.Round). */
function round(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up = next > 5;
  if (next === 5) {
    up = nd + 1 < x.d.length || (nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1);
  }
  if (!up) return trim({ d: x.d.slice(0, nd), dp: x.dp });
  const digits = x.d.slice(0, nd).split('').map(Number);
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === 9) {
    digits[i] = 0;
    i--;
  }
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  digits[i] = (digits[i] ?? 0) + 1;
  return trim({ d: digits.join(''), dp: x.dp });
}

function trim(x: Digits): Digits {
  const d = x.d.replace(/0+$/, '');
  return { d, dp: d === '' ? 0 : x.dp };
}

function fmtE(x: Digits, prec: number, fmt: 'e' | 'E'): string {
  let out = x.d[0] ?? '0';
  if (prec > 0) out += `.${x.d.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = x.d === '' ? 0 : x.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${fmt}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function fmtF(x: Digits, prec: number): string {
  let out = x.dp > 0 ? x.d.slice(0, x.dp).padEnd(x.dp, '0') : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1;
      out += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return out;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G';

export function formatFloat(f: number, fmt: FloatFormat, precIn: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  const isShortest = precIn < 0;
  let prec = precIn;
  let digs: Digits;
  if (abs === 0) {
    digs = { d: '', dp: 0 };
    if (isShortest) prec = fmt === 'f' ? 0 : fmt === 'g' || fmt === 'G' ? 1 : 0;
  } else if (isShortest) {
    digs = shortest(abs);
    if (fmt === 'e' || fmt === 'E') prec = digs.d.length - 1;
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const ex = exact(abs);
    if (fmt === 'e' || fmt === 'E') digs = round(ex, prec + 1);
    else if (fmt === 'f') digs = round(ex, ex.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = round(ex, prec);
    }
  }
  const sign = neg ? '-' : '';
  if (fmt === 'e' || fmt === 'E') return sign + fmtE(digs, prec, fmt);
  if (fmt === 'f') return sign + fmtF(digs, prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (isShortest) eprec = 6;
  const exp = digs.dp - 1;
  if (abs === 0 || !(exp < -4 || exp >= eprec)) {
    let p = prec;
    if (p > digs.dp) p = digs.d.length;
    return sign + fmtF(digs, Math.max(p - digs.dp, 0));
  }
  let p = prec;
  if (p > digs.d.length) p = digs.d.length;
  return sign + fmtE(digs, p - 1, fmt === 'g' ? 'e' : 'E');
}

/** strconv's %x float format with the shortest precision: `0x1.ep+09`. */
export function formatFloatHex(f: number, upper: boolean): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp -= 1023;
  if (mant === 0n) exp = 0;
  const mask = (1n << 64n) - 1n;
  mant = (mant << 8n) & mask;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant = (mant << 1n) & mask;
    exp--;
  }
  const hex = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = `${neg ? '-' : ''}0${upper ? 'X' : 'x'}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & mask;
  if (mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & mask;
    }
  }
  const sign = exp < 0 ? '-' : '+';
  return `${out}${upper ? 'P' : 'p'}${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}
