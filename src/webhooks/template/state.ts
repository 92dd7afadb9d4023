import { GoTemplateError } from './errors.js';
import type { GoFunc } from './functions.js';
import { type ListNode, type Node, nodeString } from './nodes.js';
import { quote } from './quote.js';
import type { RValue } from './types.js';

/** Where rendered bytes go: template text and printed values are told apart for JSON escaping. */
export interface Output {
  text(bytes: string): void;
  value(bytes: string): void;
}

/** What every template of one Parse shares. */
export interface TemplateSet {
  /** The parsed source, for error positions. */
  source: string;
  parseName: string;
  trees: Map<string, ListNode>;
  funcs: Map<string, GoFunc>;
  out: Output;
}

interface Variable {
  name: string;
  value: RValue;
}

/** Go's exec.state: the executing template, the current node (for errors) and the variable stack. */
export class State {
  node: Node | null = null;
  vars: Variable[];

  constructor(
    readonly set: TemplateSet,
    readonly name: string,
    dot: RValue,
    readonly depth = 0,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  at(node: Node): void {
    this.node = node;
  }

  mark(): number {
    return this.vars.length;
  }

  pop(mark: number): void {
    this.vars.length = mark;
  }

  push(name: string, value: RValue): void {
    this.vars.push({ name, value });
  }

  setVar(name: string, value: RValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: RValue): void {
    const v = this.vars[this.vars.length - n];
    if (v) v.value = value;
  }

  varValue(name: string): RValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) return v.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  /** Go's state.errorf: `template: name:line:col: executing "tmpl" at <node>: message`. */
  errorf(message: string): never {
    if (!this.node) throw new GoTemplateError(`template: ${this.name}: ${message}`);
    const pos = this.node.pos;
    const before = this.set.source.slice(0, pos);
    const lastNewline = before.lastIndexOf('\n');
    const col = lastNewline === -1 ? pos : pos - (lastNewline + 1);
    const line = 1 + before.split('\n').length - 1;
    const location = `${this.set.parseName}:${line}:${col}`;
    throw new GoTemplateError(
      `template: ${location}: executing ${quote(this.name)} at <${nodeString(this.node)}>: ${message}`,
    );
  }
}
