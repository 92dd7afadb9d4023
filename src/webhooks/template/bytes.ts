/**
 * Go strings are byte sequences; JavaScript strings are UTF-16. The engine keeps every Go string as a
 * "byte string": a JS string whose char codes are the UTF-8 bytes (0-255). That makes `len`, `index`,
 * `slice`, comparisons and map-key ordering byte-exact, as in Go, and error columns count bytes.
 */

/** JS text to a Go byte string (UTF-8). */
export function toBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A Go byte string back to JS text; invalid UTF-8 becomes U+FFFD, as Go's JSON encoder does. */
export function fromBytes(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRuneInString: the rune at byte offset i and its width; invalid input is (U+FFFD, 1). */
export function decodeRune(s: string, i: number): [rune: number, size: number] {
  const b0 = s.charCodeAt(i);
  if (Number.isNaN(b0)) return [RUNE_ERROR, 0];
  if (b0 < 0x80) return [b0, 1];
  const cont = (k: number): number => {
    const c = s.charCodeAt(i + k);
    return c >= 0x80 && c <= 0xbf ? c & 0x3f : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? [RUNE_ERROR, 1] : [((b0 & 0x1f) << 6) | c1, 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = s.charCodeAt(i + 1);
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (!(b1 >= lo && b1 <= hi)) return [RUNE_ERROR, 1];
    const c2 = cont(2);
    if (c2 < 0) return [RUNE_ERROR, 1];
    return [((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | c2, 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = s.charCodeAt(i + 1);
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    if (!(b1 >= lo && b1 <= hi)) return [RUNE_ERROR, 1];
    const c2 = cont(2);
    const c3 = cont(3);
    if (c2 < 0 || c3 < 0) return [RUNE_ERROR, 1];
    return [((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | (c2 << 6) | c3, 4];
  }
  return [RUNE_ERROR, 1];
}

/** utf8.DecodeLastRuneInString, enough for the lexer's backup. */
export function decodeLastRune(s: string, end: number): [rune: number, size: number] {
  const start = Math.max(0, end - 4);
  for (let i = end - 1; i >= start; i--) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || c >= 0xc0) {
      const [r, size] = decodeRune(s, i);
      if (i + size === end) return [r, size];
      break;
    }
  }
  return [RUNE_ERROR, 1];
}

/** The UTF-8 encoding of a rune as a byte string (surrogates and out-of-range runes become U+FFFD). */
export function encodeRune(r: number): string {
  const rune = r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) ? RUNE_ERROR : r;
  return toBytes(String.fromCodePoint(rune));
}

/** Runes of a byte string, as Go's `for _, r := range s` yields them. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const [r, size] = decodeRune(s, i);
    out.push(r);
    i += size;
  }
  return out;
}

/** Maps each rune of a byte string through fn, re-encoding as UTF-8 (invalid bytes become U+FFFD, as Go). */
export function mapRunes(s: string, fn: (r: number) => number): string {
  let out = '';
  for (const r of runes(s)) out += encodeRune(fn(r));
  return out;
}
