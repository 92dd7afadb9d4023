import { decodeRune, RUNE_ERROR } from './bytes.js';
import { formatFloat } from './format-float.js';
import { elem, isIntKind, isUintKind, mapEntries, type RValue, sliceItems, type Value } from './types.js';

/** encoding/json's Marshal (Go 1.19) over the reflect model, for sprig's toJson. Byte strings in and out. */

export class UnsupportedValue extends Error {}

const HEX = '0123456789abcdef';

export function jsonString(s: string, escapeHTML = true): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      const ch = s[i] ?? '';
      if (ch === '"' || ch === '\\') out += `\\${ch}`;
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (c < 0x20 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&'))) {
        out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      } else out += ch;
      i++;
      continue;
    }
    const [r, size] = decodeRune(s, i);
    if (r === RUNE_ERROR && size === 1) out += '\\ufffd';
    else if (r === 0x2028 || r === 0x2029) out += `\\u202${r & 0xf}`;
    else out += s.slice(i, i + size);
    i += size;
  }
  return `${out}"`;
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new UnsupportedValue(`json: unsupported value: ${f}`);
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return formatFloat(f, 'e', -1).replace(/e-0(\d)$/, 'e-$1');
  }
  return formatFloat(f, 'f', -1);
}

export function marshal(v: RValue): string {
  if (!v) return 'null';
  const t = v.t;
  const custom = t.methods?.find((m) => m.name === 'MarshalJSON' && !m.ptrRecv);
  if (custom) {
    const r = custom.call(v, []);
    return sliceItems(r as Value)
      .map((b) => String.fromCharCode(Number(b.v)))
      .join('');
  }
  switch (t.kind) {
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'float64':
      return jsonFloat(v.v as number);
    case 'string':
      return jsonString(v.v as string);
    case 'interface':
    case 'ptr':
      return marshal(elem(v));
    case 'slice': {
      if (v.v === null) return 'null';
      const items = sliceItems(v);
      if (t.elem?.kind === 'uint8') {
        const bytes = Buffer.from(items.map((b) => Number(b.v)));
        return `"${bytes.toString('base64')}"`;
      }
      return `[${items.map(marshal).join(',')}]`;
    }
    case 'map': {
      if (v.v === null) return 'null';
      const entries = [...mapEntries(v).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, x]) => `${jsonString(k)}:${marshal(x)}`).join(',')}}`;
    }
    case 'struct':
      return `{${structFields(v)
        .map(([k, x]) => `${jsonString(k)}:${marshal(x)}`)
        .join(',')}}`;
  }
  if (isIntKind(t.kind) || isUintKind(t.kind)) return String(v.v);
  throw new UnsupportedValue(`json: unsupported type: ${t.name}`);
}

function structFields(v: Value): [string, RValue][] {
  const out: [string, RValue][] = [];
  (v.t.fields ?? []).forEach((f, i) => {
    const fv = (v.v as Value[])[i] ?? null;
    if (!/^[A-Z]/.test(f.name)) return;
    if (f.embedded && fv) {
      const inner = f.type.kind === 'ptr' ? elem(fv) : fv;
      if (inner) out.push(...structFields(inner));
      return;
    }
    out.push([f.json ?? f.name, fv]);
  });
  return out;
}
