import { decodeRune, encodeRune, RUNE_ERROR } from './bytes.js';
import { isPrint } from './unicode.js';

/** Go's strconv quoting and unquoting on byte strings (see bytes.ts). */

const HEX = '0123456789abcdef';

function appendEscapedRune(r: number, quote: string, asciiOnly: boolean): string {
  const q = quote.charCodeAt(0);
  if (r === q || r === 0x5c) return `\\${String.fromCharCode(r)}`;
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return encodeRune(r);
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${HEX[r >> 4]}${HEX[r & 0xf]}`;
  if (r < 0x10000) return `\\u${r.toString(16).padStart(4, '0')}`;
  return `\\U${r.toString(16).padStart(8, '0')}`;
}

/** strconv.Quote (or QuoteToASCII): a double-quoted Go string literal, as a byte string. */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const [r, width] = decodeRune(s, i);
    if (width === 1 && r === RUNE_ERROR) {
      const b = s.charCodeAt(i);
      out += `\\x${HEX[b >> 4]}${HEX[b & 0xf]}`;
    } else {
      out += appendEscapedRune(r, '"', asciiOnly);
    }
    i += width;
  }
  return `${out}"`;
}

/** strconv.QuoteRune: a single-quoted character literal. */
export function quoteRune(r: number): string {
  const rune = r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) || r < 0 ? RUNE_ERROR : r;
  return `'${appendEscapedRune(rune, "'", false)}'`;
}

export class SyntaxError_ extends Error {}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * strconv.UnquoteChar: decodes the first character or escape of s. `multibyte` tells whether the
 * value must be written as UTF-8 (a rune) or is a single raw byte (\x, octal).
 */
export function unquoteChar(s: string, q: string): { value: number; multibyte: boolean; tail: string } {
  const c = s[0];
  if (c === undefined) throw new SyntaxError_('invalid syntax');
  if (c === q && (q === "'" || q === '"')) throw new SyntaxError_('invalid syntax');
  if (s.charCodeAt(0) >= 0x80) {
    const [r, size] = decodeRune(s, 0);
    return { value: r, multibyte: true, tail: s.slice(size) };
  }
  if (c !== '\\') return { value: s.charCodeAt(0), multibyte: false, tail: s.slice(1) };
  if (s.length <= 1) throw new SyntaxError_('invalid syntax');
  const e = s[1] ?? '';
  let tail = s.slice(2);
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };
  const simpleValue = simple[e];
  if (simpleValue !== undefined) return { value: simpleValue, multibyte: false, tail };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    if (tail.length < n) throw new SyntaxError_('invalid syntax');
    let v = 0;
    for (let j = 0; j < n; j++) {
      if (!isHex(tail[j])) throw new SyntaxError_('invalid syntax');
      v = v * 16 + Number.parseInt(tail[j] ?? '0', 16);
    }
    tail = tail.slice(n);
    if (e === 'x') return { value: v, multibyte: false, tail };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_('invalid syntax');
    return { value: v, multibyte: true, tail };
  }
  if (e >= '0' && e <= '7') {
    let v = Number.parseInt(e, 8);
    if (tail.length < 2) throw new SyntaxError_('invalid syntax');
    for (let j = 0; j < 2; j++) {
      const d = tail[j] ?? '';
      if (!(d >= '0' && d <= '7')) throw new SyntaxError_('invalid syntax');
      v = v * 8 + Number.parseInt(d, 8);
    }
    if (v > 255) throw new SyntaxError_('invalid syntax');
    return { value: v, multibyte: false, tail: tail.slice(2) };
  }
  if (e === "'" || e === '"') {
    if (e !== q) throw new SyntaxError_('invalid syntax');
    return { value: e.charCodeAt(0), multibyte: false, tail };
  }
  throw new SyntaxError_('invalid syntax');
}

/** strconv.Unquote for "..." and `...` literals (the only kinds the lexer hands over). */
export function unquote(s: string): string {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) throw new SyntaxError_('invalid syntax');
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError_('invalid syntax');
    return body.replaceAll('\r', '');
  }
  if (q !== '"') throw new SyntaxError_('invalid syntax');
  if (body.includes('\n')) throw new SyntaxError_('invalid syntax');
  let out = '';
  let rest = body;
  while (rest.length > 0) {
    const { value, multibyte, tail } = unquoteChar(rest, '"');
    // \x and octal escapes are raw bytes; everything else is a rune written as UTF-8.
    out += multibyte ? encodeRune(value) : String.fromCharCode(value);
    rest = tail;
  }
  return out;
}
