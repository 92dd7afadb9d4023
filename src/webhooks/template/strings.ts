import { decodeRune, encodeRune, runes } from './bytes.js';
import { isSpace } from './unicode.js';

/** The Go `strings` functions the sprig helpers are built on, on byte strings. */

function caseRune(r: number, upper: boolean): number {
  if (r < 0x80) {
    if (upper && r >= 0x61 && r <= 0x7a) return r - 32;
    if (!upper && r >= 0x41 && r <= 0x5a) return r + 32;
    return r;
  }
  const c = String.fromCodePoint(r);
  const mapped = upper ? c.toUpperCase() : c.toLowerCase();
  // Go maps rune to rune; a mapping that changes length (ß -> SS) leaves the rune as it is.
  return [...mapped].length === 1 ? (mapped.codePointAt(0) ?? r) : r;
}

const isASCII = (s: string): boolean => !/[\x80-\xff]/.test(s);

export function toUpper(s: string): string {
  if (isASCII(s)) return s.toUpperCase();
  return runes(s)
    .map((r) => encodeRune(caseRune(r, true)))
    .join('');
}

export function toLower(s: string): string {
  if (isASCII(s)) return s.toLowerCase();
  return runes(s)
    .map((r) => encodeRune(caseRune(r, false)))
    .join('');
}

/** Splits a byte string into its UTF-8 sequences (invalid bytes stay single bytes, as Go slices them). */
function sequences(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    const [, size] = decodeRune(s, i);
    out.push(s.slice(i, i + size));
    i += size;
  }
  return out;
}

function trimLeftFunc(s: string, f: (r: number) => boolean): string {
  const seqs = sequences(s);
  let i = 0;
  while (i < seqs.length && f(runes(seqs[i] ?? '')[0] ?? 0)) i++;
  return seqs.slice(i).join('');
}

function trimRightFunc(s: string, f: (r: number) => boolean): string {
  const seqs = sequences(s);
  let i = seqs.length;
  while (i > 0 && f(runes(seqs[i - 1] ?? '')[0] ?? 0)) i--;
  return seqs.slice(0, i).join('');
}

export function trimSpace(s: string): string {
  return trimRightFunc(trimLeftFunc(s, isSpace), isSpace);
}

export function trim(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(runes(cutset));
  const inCut = (r: number): boolean => cut.has(r);
  return trimRightFunc(trimLeftFunc(s, inCut), inCut);
}

export function replaceAll(s: string, old: string, replacement: string): string {
  if (old === '') {
    const seqs = sequences(s);
    return replacement + seqs.map((q) => q + replacement).join('');
  }
  return s.split(old).join(replacement);
}

export function split(s: string, sep: string): string[] {
  if (sep === '') return sequences(s);
  return s.split(sep);
}

export function deleteWhiteSpace(s: string): string {
  return runes(s)
    .filter((r) => !isSpace(r))
    .map(encodeRune)
    .join('');
}
