import { quote } from './quote.js';

/**
 * The checks of Go's url.ParseRequestURI that a rendered webhook path meets in practice, with its
 * error texts (`parse "x": invalid URI for request`). Byte strings in.
 */
export function parseRequestURIError(raw: string): string | null {
  const fail = (msg: string): string => `parse ${quote(raw)}: ${msg}`;
  if (raw === '') return fail('empty url');
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return fail('net/url: invalid control character in URL');
  let rest = raw;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw);
  if (raw.startsWith(':')) return fail('missing protocol scheme');
  if (schemeMatch) rest = raw.slice((schemeMatch[1] ?? '').length + 1);
  else if (!raw.startsWith('/')) return fail('invalid URI for request');
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  if (schemeMatch && !rest.startsWith('/')) return null; // an opaque URL such as mailto:x
  if (rest.startsWith('//')) {
    const authorityEnd = rest.indexOf('/', 2);
    const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    const colon = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.indexOf(':');
    if (colon >= 0 && !/^\d*$/.test(host.slice(colon + 1))) {
      return fail(`invalid port ${quote(host.slice(colon))} after host`);
    }
    rest = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  }
  const badEscape = /%(?![0-9A-Fa-f]{2})(.{0,2})/.exec(rest);
  if (badEscape) return fail(`invalid URL escape ${quote(`%${badEscape[1] ?? ''}`)}`);
  return null;
}
