import { decodeRune, RUNE_ERROR } from './bytes.js';
import { isPrint } from './unicode.js';

/** text/template's html, js and urlquery escapers, on byte strings. */

export function htmlEscape(s: string): string {
  let out = '';
  for (const c of s) {
    switch (c) {
      case '\0':
        out += '\xef\xbf\xbd';
        break;
      case '"':
        out += '&#34;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      default:
        out += c;
    }
  }
  return out;
}

const JS_SPECIAL: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

export function jsEscape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      const ch = s[i] ?? '';
      const special = JS_SPECIAL[ch];
      if (special) out += special;
      else if (c < 0x20) out += `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;
      else out += ch;
      i++;
      continue;
    }
    const [r, size] = decodeRune(s, i);
    if (isPrint(r) || (r === RUNE_ERROR && size === 1)) out += s.slice(i, i + size);
    else out += `\\u${r.toString(16).toUpperCase().padStart(4, '0')}`;
    i += size;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const c of s) {
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
