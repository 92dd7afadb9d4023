import { quote, unquoteChar } from './quote.js';

/** Go's strconv number parsing as text/template's NumberNode uses it (ideal constants). */

export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
}

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_INT64 = (1n << 63n) - 1n;
const lower = (c: string): string => c.toLowerCase();

/** strconv's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(text: string): boolean {
  let s = text;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  const p = lower(s[1] ?? '');
  if (s.length >= 2 && s[0] === '0' && (p === 'b' || p === 'o' || p === 'x')) {
    i = 2;
    saw = '0';
    hex = p === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? '';
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, 0, 64); null on any error. */
function parseUint(s0: string): bigint | null {
  if (s0 === '') return null;
  let s = s0;
  let base = 10n;
  if (s[0] === '0') {
    const p = lower(s[1] ?? '');
    if (s.length >= 3 && (p === 'b' || p === 'o' || p === 'x')) {
      base = p === 'b' ? 2n : p === 'o' ? 8n : 16n;
      s = s.slice(2);
    } else {
      base = 8n;
      s = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = Number.parseInt(c, 16);
    if (Number.isNaN(d) || BigInt(d) >= base) return null;
    n = n * base + BigInt(d);
    if (n > MAX_UINT64) return null;
  }
  if (underscores && !underscoreOK(s0)) return null;
  return n;
}

/** strconv.ParseInt(s, 0, 64); null on any error. */
function parseInt64(s: string): bigint | null {
  if (s === '') return null;
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUint(body);
  if (u === null) return null;
  if (!neg && u > MAX_INT64) return null;
  if (neg && u > MAX_INT64 + 1n) return null;
  return neg ? -u : u;
}

/** strconv.ParseFloat(s, 64); null on syntax or range error. */
function parseFloat64(s: string): number | null {
  if (s.includes('_') && !underscoreOK(s)) return null;
  const t = s.replaceAll('_', '');
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(t);
  let f: number;
  if (m) {
    const [, sign, intPart = '', frac = '', exp = '0'] = m;
    if (intPart === '' && frac === '') return null;
    const mant = BigInt(`0x${intPart}${frac}` === '0x' ? '0' : `0x${intPart}${frac}`);
    f = Number(mant) * 2 ** (Number(exp) - 4 * frac.length);
    if (sign === '-') f = -f;
  } else {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
    f = Number(t);
  }
  return Number.isFinite(f) ? f : null;
}

export class NumberSyntaxError extends Error {}

/** parse.newNumber: the constant under every type that can represent it. */
export function parseNumber(text: string, isCharConstant: boolean): NumberValue {
  if (isCharConstant) {
    const { value, tail } = unquoteChar(text.slice(1), text[0] ?? "'");
    if (tail !== "'") throw new NumberSyntaxError(`malformed character constant: ${text}`);
    const r = BigInt(value);
    return { isInt: true, isUint: true, isFloat: true, int64: r, uint64: r, float64: value };
  }
  if (text.endsWith('i')) {
    throw new NumberSyntaxError(`complex constants are not supported: ${quote(text)}`);
  }
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, int64: 0n, uint64: 0n, float64: 0 };
  const u = parseUint(text);
  if (u !== null) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt64(text);
  if (i !== null) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text)) throw new NumberSyntaxError(`integer overflow: ${quote(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat)
    throw new NumberSyntaxError(`illegal number syntax: ${quote(text)}`);
  return n;
}
