/**
 * Go's textproto.CanonicalMIMEHeaderKey: the first letter and every letter after a hyphen upper case,
 * the rest lower case (`x-request-id` -> `X-Request-Id`, `client_user` -> `Client_user`). Like Go, a
 * name holding a space or any byte that is not a token character is returned unchanged.
 */
export function canonicalHeaderKey(name: string): string {
  for (let i = 0; i < name.length; i++) {
    if (!isTokenChar(name.charCodeAt(i))) return name;
  }
  let upper = true;
  let out = '';
  for (const ch of name) {
    if (upper && ch >= 'a' && ch <= 'z') out += ch.toUpperCase();
    else if (!upper && ch >= 'A' && ch <= 'Z') out += ch.toLowerCase();
    else out += ch;
    upper = ch === '-';
  }
  return out;
}

// RFC 7230 token characters, as textproto's validHeaderFieldByte accepts them.
function isTokenChar(c: number): boolean {
  if (c >= 0x80) return false;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  return "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c));
}
