import { runes } from './bytes.js';
import { type Item, type ItemType, lex } from './lexer.js';
import type { ArgNode, CommandNode, ListNode, Node, PipeNode, VariableNode } from './nodes.js';
import { nodeString } from './nodes.js';
import { NumberSyntaxError, parseNumber } from './number.js';
import { TokenStream } from './parser-tokens.js';
import { quote, SyntaxError_ } from './quote.js';
import { isSpace } from './unicode.js';

/** A port of text/template/parse's recursive-descent parser; messages match Go's word for word. */

export interface ParsedSet {
  /** Template name to its body; the main template is under the parse name. */
  trees: Map<string, ListNode>;
}

function isEmptyTree(n: Node): boolean {
  if (n.type === 'comment') return true;
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'text') return runes(n.text).every(isSpace);
  return false;
}

class Tree extends TokenStream {
  name: string;
  vars: string[] = ['$'];
  rangeDepth = 0;
  root: ListNode | null = null;

  constructor(
    name: string,
    parseName: string,
    lexer: { items: Item[]; index: number },
    readonly funcs: ReadonlySet<string>,
    readonly treeSet: Map<string, ListNode>,
  ) {
    super(parseName, lexer);
    this.name = name;
  }

  add(): void {
    const existing = this.treeSet.get(this.name);
    const root = this.root ?? list(0, 0);
    if (!existing || isEmptyTree(existing)) {
      this.treeSet.set(this.name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  sub(name: string): Tree {
    return new Tree(name, this.parseName, this.lexer, this.funcs, this.treeSet);
  }

  parse(): void {
    this.root = list(this.peek().pos, 0);
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          const newT = this.sub('definition');
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf('string', 'rawString', context);
    this.name = this.unquote(name);
    this.expect('rightDelim', context);
    const [root, end] = this.itemList();
    this.root = root;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  itemList(): [ListNode, Node] {
    const l = list(this.peekNonSpace().pos, 0);
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [l, n];
      l.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { type: 'text', pos: token.pos, line: token.line, text: token.val };
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos, line: 0 };
      case 'if':
      case 'range':
      case 'with':
        return this.branchControl(token.typ);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const t = this.peek();
    return { type: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  loopControl(token: Item): Node {
    const typ = token.typ === 'break' ? 'break' : 'continue';
    const next = this.nextNonSpace();
    if (next.typ !== 'rightDelim') this.unexpected(next, `{{${typ}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${typ}}} outside {{range}}`);
    return { type: typ, pos: token.pos, line: token.line };
  }

  pipeline(context: string, end: ItemType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = {
      type: 'pipe',
      pos: first.pos,
      line: first.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(variable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(variable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === 'space') {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]?.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  parseControl(context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [body, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        // `{{else if}}` and `{{else with}}` nest a new branch in the else list, as Go does.
        const p = this.peek().typ;
        if ((context === 'if' && p === 'if') || (context === 'with' && p === 'with')) {
          this.next();
          elseList = list(next.pos, 0);
          elseList.nodes.push(this.branchControl(p));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      body = body ?? list(0, 0);
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list: body, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  branchControl(context: 'if' | 'range' | 'with'): Node {
    return this.parseControl(context);
  }

  elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if' || peek.typ === 'with') return { type: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, line: token.line };
  }

  blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = this.sub(name);
    const [root, end] = block.itemList();
    block.root = root;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  parseTemplateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') return this.unquote(token);
    this.unexpected(token, context);
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, line: 0, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): ArgNode | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === 'field') {
      const chainPos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      const chain: ArgNode = { type: 'chain', pos: chainPos, line: 0, node, field: fields };
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos: chainPos, line: 0, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos: chainPos, line: 0, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  term(): ArgNode | null {
    const token = this.nextNonSpace();
    const at = { pos: token.pos, line: token.line };
    switch (token.typ) {
      case 'identifier':
        if (!this.funcs.has(token.val)) this.errorf(`function ${quote(token.val)} not defined`);
        return { type: 'identifier', ...at, ident: token.val };
      case 'dot':
        return { type: 'dot', ...at };
      case 'nil':
        return { type: 'nil', ...at };
      case 'variable':
        return this.useVar(token);
      case 'field':
        return { type: 'field', ...at, ident: [token.val.slice(1)] };
      case 'bool':
        return { type: 'bool', ...at, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        try {
          if (token.typ === 'complex') throw new NumberSyntaxError('complex constants are not supported');
          return {
            type: 'number',
            ...at,
            text: token.val,
            ...parseNumber(token.val, token.typ === 'charConstant'),
          };
        } catch (err) {
          if (err instanceof NumberSyntaxError || err instanceof SyntaxError_) this.errorf(err.message);
          throw err;
        }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', ...at, quoted: token.val, text: this.unquote(token) };
    }
    this.backup();
    return null;
  }

  useVar(token: Item): VariableNode {
    const v = variable(token.pos, token.val);
    if (this.vars.includes(v.ident[0] ?? '')) return v;
    this.errorf(`undefined variable ${quote(v.ident[0] ?? '')}`);
  }
}

function list(pos: number, line: number): ListNode {
  return { type: 'list', pos, line, nodes: [] };
}

function variable(pos: number, name: string): VariableNode {
  return { type: 'variable', pos, line: 0, ident: name.split('.') };
}

/**
 * Parses `text` as template `name` (byte strings), with `funcs` the names of the callable functions
 * (Go checks them at parse time). Returns every template the text defines.
 */
export function parseTemplate(name: string, text: string, funcs: ReadonlySet<string>): ParsedSet {
  const treeSet = new Map<string, ListNode>();
  const t = new Tree(name, name, { items: lex(text), index: 0 }, funcs, treeSet);
  t.parse();
  t.add();
  return { trees: treeSet };
}
