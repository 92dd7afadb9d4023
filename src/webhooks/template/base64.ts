/** encoding/base64's StdEncoding on byte strings, with Go's decode errors. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function b64encode(s: string): string {
  return Buffer.from(s, 'latin1').toString('base64');
}

/** Returns the decoded bytes, or Go's CorruptInputError text. */
export function b64decode(src: string): { ok: true; value: string } | { ok: false; error: string } {
  const corrupt = (at: number) => ({ ok: false as const, error: `illegal base64 data at input byte ${at}` });
  let out = '';
  let si = 0;
  const isNL = (i: number): boolean => src[i] === '\n' || src[i] === '\r';
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: number | null = null;
    for (let j = 0; j < 4; j++) {
      if (src.length === si) {
        if (j === 0) return { ok: true, value: out };
        return corrupt(si - j);
      }
      const ch = src[si] ?? '';
      si++;
      const d = ALPHABET.indexOf(ch);
      if (d >= 0 && ch !== '') {
        dbuf[j] = d;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        j--;
        continue;
      }
      if (ch !== '=') return corrupt(si - 1);
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNL(si)) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== '=') return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNL(si)) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = ((dbuf[0] ?? 0) << 18) | ((dbuf[1] ?? 0) << 12) | ((dbuf[2] ?? 0) << 6) | (dbuf[3] ?? 0);
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out += String.fromCharCode(...bytes.slice(0, dlen - 1));
    if (trailing !== null) return corrupt(trailing);
  }
  return { ok: true, value: out };
}
