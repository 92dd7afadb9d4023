import { decodeLastRune, decodeRune } from './bytes.js';
import { isDigit, isLetter } from './unicode.js';

/**
 * A port of Go's text/template/parse lexer. Input is a byte string (see bytes.ts), so positions are
 * byte offsets exactly as Go reports them. Items are produced eagerly; the parser stops at the first
 * error item, which is what Go's parser does with its lazily lexed stream.
 */
export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

export const KEYWORDS: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

export function isKeyword(t: ItemType): boolean {
  return [...KEYWORDS.values()].includes(t);
}

export const EOF = -1;
export const LEFT = '{{';
export const RIGHT = '}}';
export const TRIM_MARKER_LEN = 2;

export const isSpaceRune = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
export const isAlphaNumeric = (r: number): boolean => r === 0x5f || isLetter(r) || isDigit(r);
const isSpaceByte = (s: string, i: number): boolean => isSpaceRune(s.charCodeAt(i));
export const hasLeftTrimMarker = (s: string, i: number): boolean =>
  s.length - i >= 2 && s[i] === '-' && isSpaceByte(s, i + 1);
export const hasRightTrimMarker = (s: string, i: number): boolean =>
  s.length - i >= 2 && isSpaceByte(s, i) && s[i + 1] === '-';
const SPACE_CHARS = ' \t\r\n';

export function trimRightLength(s: string): number {
  let n = s.length;
  while (n > 0 && SPACE_CHARS.includes(s[n - 1] ?? '')) n--;
  return s.length - n;
}

export function trimLeftLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && SPACE_CHARS.includes(s[i] ?? '')) i++;
  return i - from;
}

export const countNewlines = (s: string): number => s.split('\n').length - 1;

export type StateFn = ((l: Lexer) => StateFn) | null;

export class Lexer {
  readonly items: Item[] = [];
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;

  constructor(readonly input: string) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const [r, w] = decodeRune(this.input, this.pos);
    this.pos += w;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const [r, w] = decodeLastRune(this.input, this.pos);
      this.pos -= w;
      if (r === 0x0a) this.line--;
    }
  }

  emit(typ: ItemType): void {
    this.items.push({
      typ,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    });
    this.start = this.pos;
    this.startLine = this.line;
  }

  ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCharCode(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCharCode(r))) break;
    }
    this.backup();
  }

  errorf(message: string): StateFn {
    this.items.push({ typ: 'error', pos: this.start, val: message, line: this.startLine });
    return null;
  }

  atRightDelim(): [delim: boolean, trimSpaces: boolean] {
    if (
      hasRightTrimMarker(this.input, this.pos) &&
      this.input.startsWith(RIGHT, this.pos + TRIM_MARKER_LEN)
    ) {
      return [true, true];
    }
    return [this.input.startsWith(RIGHT, this.pos), false];
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpaceRune(r)) return true;
    if (r === EOF || '.,|:)('.includes(String.fromCharCode(r))) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }
}
