import type { Output } from './state.js';

/**
 * The deliberate fix of CONTRACT.md section 8. Go pastes values into JSON templates as raw text, so a
 * `"` in `{{.Body.error}}` can break the JSON or inject keys. This output tracks whether the text so
 * far is inside a JSON string; a value printed there that is not already valid JSON string content is
 * escaped as JSON string content. Everything else passes through byte for byte.
 */

type JsonState = 'outside' | 'string' | 'escape' | 'unicode';

const SHORT_ESCAPES = '"\\/bfnrt';
const HEX = /^[0-9a-fA-F]$/;

/** Whether bytes can sit between JSON string quotes as they are. */
export function isJsonStringContent(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22) return false;
    if (c !== 0x5c) continue;
    const e = s[i + 1];
    if (e === undefined) return false;
    if (SHORT_ESCAPES.includes(e)) {
      i++;
      continue;
    }
    if (e !== 'u') return false;
    for (let k = 2; k < 6; k++) if (!HEX.test(s[i + k] ?? '')) return false;
    i += 5;
  }
  return true;
}

const NAMED: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Escapes bytes as JSON string content (non-ASCII bytes stay as they are). */
export function escapeJsonStringContent(s: string): string {
  let out = '';
  for (const ch of s) {
    const named = NAMED[ch];
    if (named) out += named;
    else if (ch.charCodeAt(0) < 0x20) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

export class BufferOutput implements Output {
  bytes = '';
  /** How many values were escaped (zero means the output equals Go's byte for byte). */
  escaped = 0;
  private state: JsonState = 'outside';
  private hexLeft = 0;

  constructor(private readonly jsonEscape: boolean) {}

  text(bytes: string): void {
    this.append(bytes);
  }

  value(bytes: string): void {
    if (this.jsonEscape && this.state === 'string' && !isJsonStringContent(bytes)) {
      this.escaped++;
      this.append(escapeJsonStringContent(bytes));
      return;
    }
    this.append(bytes);
  }

  private append(bytes: string): void {
    this.bytes += bytes;
    if (!this.jsonEscape) return;
    for (const ch of bytes) {
      switch (this.state) {
        case 'outside':
          if (ch === '"') this.state = 'string';
          break;
        case 'string':
          if (ch === '"') this.state = 'outside';
          else if (ch === '\\') this.state = 'escape';
          break;
        case 'escape':
          if (ch === 'u') {
            this.state = 'unicode';
            this.hexLeft = 4;
          } else this.state = 'string';
          break;
        case 'unicode':
          this.hexLeft--;
          if (this.hexLeft === 0 || !HEX.test(ch)) this.state = 'string';
          break;
      }
    }
  }
}
