/** The few `unicode` package predicates the engine needs, on runes (code points). */

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;

function char(r: number): string {
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) ? String.fromCodePoint(r) : '';
}

export function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return LETTER.test(char(r));
}

export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return DIGIT.test(char(r));
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r === 0x20) return true;
  if (r < 0x20 || r === 0x7f) return false;
  return PRINT.test(char(r));
}

/** unicode.IsSpace. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return WHITE_SPACE.test(char(r));
}
