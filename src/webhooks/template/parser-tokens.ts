import { decodeRune } from './bytes.js';
import { GoTemplateError } from './errors.js';
import { type Item, type ItemType, isKeyword } from './lexer.js';
import { quote, SyntaxError_, unquote } from './quote.js';

/**
 * The parser's token handling: Go's three-token lookahead (whose first slot also gives the line of
 * parse errors), expectations and the "unexpected X in Y" errors.
 */

function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (isKeyword(i.typ)) return `<${i.val}>`;
  // %.10q: at most ten runes, then quoted.
  let cut = 0;
  let count = 0;
  while (cut < i.val.length && count < 10) {
    cut += decodeRune(i.val, cut)[1];
    count++;
  }
  return cut < i.val.length ? `${quote(i.val.slice(0, cut))}...` : quote(i.val);
}

export class TokenStream {
  token: [Item, Item, Item];
  peekCount = 0;
  actionLine = 0;

  constructor(
    readonly parseName: string,
    readonly lexer: { items: Item[]; index: number },
  ) {
    const eof: Item = { typ: 'EOF', pos: 0, val: '', line: 1 };
    this.token = [eof, eof, eof];
  }

  nextItem(): Item {
    const items = this.lexer.items;
    const item = items[Math.min(this.lexer.index, items.length - 1)];
    if (!item) throw new Error('lexer produced no items');
    if (this.lexer.index < items.length) this.lexer.index++;
    return item;
  }

  next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.nextItem();
    return this.token[this.peekCount] as Item;
  }
  backup(): void {
    this.peekCount++;
  }
  backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] as Item;
    this.peekCount = 1;
    this.token[0] = this.nextItem();
    return this.token[0];
  }
  nextNonSpace(): Item {
    for (;;) {
      const token = this.next();
      if (token.typ !== 'space') return token;
    }
  }
  peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  errorf(message: string): never {
    throw new GoTemplateError(`template: ${this.parseName}:${this.token[0].line}: ${message}`);
  }
  expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }
  expectOneOf(e1: ItemType, e2: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }
  unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  unquote(token: Item): string {
    try {
      return unquote(token.val);
    } catch (err) {
      if (err instanceof SyntaxError_) this.errorf(err.message);
      throw err;
    }
  }
}
