import { decodeRune, encodeRune } from './bytes.js';
import { quote } from './quote.js';

/**
 * A JSON parser over byte strings with encoding/json's syntax error texts, keeping number literals
 * raw (Go refuses `200.0` for an int field, so the literal matters).
 */

export type JsonNode =
  | { kind: 'object'; entries: [string, JsonNode][] }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; raw: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

export class JsonSyntaxError extends Error {}

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = quote(encodeRune(c.charCodeAt(0)));
  return `'${q.slice(1, -1)}'`;
}

const WS = ' \t\r\n';

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(context: string): never {
    if (this.i >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
    throw new JsonSyntaxError(`invalid character ${quoteChar(this.s[this.i] ?? '')} ${context}`);
  }
  skip(): void {
    while (this.i < this.s.length && WS.includes(this.s[this.i] ?? '')) this.i++;
  }

  value(): JsonNode {
    this.skip();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'string', value: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return { kind: 'number', raw: this.number() };
    if (c === 't') return this.literal('true', { kind: 'bool', value: true });
    if (c === 'f') return this.literal('false', { kind: 'bool', value: false });
    if (c === 'n') return this.literal('null', { kind: 'null' });
    return this.fail('looking for beginning of value');
  }

  literal(word: string, node: JsonNode): JsonNode {
    for (let k = 0; k < word.length; k++) {
      if (this.s[this.i] !== word[k]) this.fail(`in literal ${word} (expecting ${quoteChar(word[k] ?? '')})`);
      this.i++;
    }
    return node;
  }

  object(): JsonNode {
    this.i++;
    const entries: [string, JsonNode][] = [];
    this.skip();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skip();
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skip();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      entries.push([key, this.value()]);
      this.skip();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { kind: 'object', entries };
      }
      this.fail('after object key:value pair');
    }
  }

  array(): JsonNode {
    this.i++;
    const items: JsonNode[] = [];
    this.skip();
    if (this.s[this.i] === ']') {
      this.i++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skip();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return { kind: 'array', items };
      }
      this.fail('after array element');
    }
  }

  number(): string {
    const start = this.i;
    const digit = (): boolean => {
      const c = this.s[this.i];
      return c !== undefined && c >= '0' && c <= '9';
    };
    if (this.s[this.i] === '-') {
      this.i++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (this.s[this.i] === '0') this.i++;
    else while (digit()) this.i++;
    if (this.s[this.i] === '.') {
      this.i++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.i++;
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.i++;
    }
    return this.s.slice(start, this.i);
  }

  string(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('in string literal');
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return out;
      }
      if (c < 0x20) this.fail('in string literal');
      if (c === 0x5c) {
        this.i++;
        const e = this.s[this.i] ?? '';
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e in simple) {
          out += simple[e];
          this.i++;
          continue;
        }
        if (e !== 'u') this.fail('in string escape code');
        this.i++;
        let r = this.hex4();
        if (r >= 0xd800 && r < 0xdc00 && this.s.startsWith('\\u', this.i)) {
          const save = this.i;
          this.i += 2;
          const lo = this.hex4();
          if (lo >= 0xdc00 && lo < 0xe000) r = 0x10000 + ((r - 0xd800) << 10) + (lo - 0xdc00);
          else this.i = save;
        }
        out += encodeRune(r);
        continue;
      }
      if (c < 0x80) {
        out += this.s[this.i];
        this.i++;
      } else {
        const [r, size] = decodeRune(this.s, this.i);
        out += size === 1 ? encodeRune(r) : this.s.slice(this.i, this.i + size);
        this.i += size;
      }
    }
  }

  hex4(): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const h = Number.parseInt(this.s[this.i] ?? '', 16);
      if (Number.isNaN(h)) this.fail('in \\u hexadecimal character escape');
      v = v * 16 + h;
      this.i++;
    }
    return v;
  }
}

/** Parses a whole document; `trimmed` is the value's own bytes without surrounding whitespace. */
export function parseJson(text: string): { node: JsonNode; trimmed: string } {
  const p = new Parser(text);
  p.skip();
  const start = p.i;
  const node = p.value();
  const end = p.i;
  p.skip();
  if (p.i < text.length) p.fail('after top-level value');
  return { node, trimmed: text.slice(start, end) };
}
