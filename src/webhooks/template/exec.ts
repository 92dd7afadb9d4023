import { evalPipeline } from './eval.js';
import { sprint } from './fmt.js';
import type { BranchNode, ListNode, Node, TemplateNode } from './nodes.js';
import { quote } from './quote.js';
import { State, type TemplateSet } from './state.js';
import { isTrue } from './truth.js';
import {
  elem,
  indirect,
  indirectInterface,
  int,
  mapEntries,
  type RValue,
  sliceItems,
  T,
  type Value,
} from './types.js';

/** Template execution: the walking half of Go's exec.go. */

class BreakSignal {}
class ContinueSignal {}

/**
 * Go allows 100000 nested {{template}} calls; a JavaScript stack holds far fewer frames, so the engine
 * stops earlier with Go's message. Only runaway recursion reaches either limit.
 */
const MAX_EXEC_DEPTH = 1000;

export function execute(set: TemplateSet, name: string, data: RValue): void {
  const root = set.trees.get(name);
  const s = new State(set, name, data);
  if (!root) s.errorf(`${quote(name)} is an incomplete or empty template`);
  else walk(s, data, root);
}

function walk(s: State, dot: RValue, node: Node): void {
  s.at(node);
  switch (node.type) {
    case 'action': {
      const val = evalPipeline(s, dot, node.pipe);
      if (node.pipe.decl.length === 0) printValue(s, node, val);
      return;
    }
    case 'break':
      throw new BreakSignal();
    case 'continue':
      throw new ContinueSignal();
    case 'comment':
      return;
    case 'if':
    case 'with':
      walkIfOrWith(s, dot, node);
      return;
    case 'list':
      for (const n of node.nodes) walk(s, dot, n);
      return;
    case 'range':
      walkRange(s, dot, node);
      return;
    case 'template':
      walkTemplate(s, dot, node);
      return;
    case 'text':
      s.set.out.text(node.text);
      return;
    default:
      s.errorf(`unknown node: ${node.type}`);
  }
}

function walkIfOrWith(s: State, dot: RValue, node: BranchNode): void {
  const mark = s.mark();
  try {
    const val = evalPipeline(s, dot, node.pipe);
    const [truth] = isTrue(indirectInterface(val));
    if (truth) walk(s, node.type === 'with' ? val : dot, node.list);
    else if (node.elseList) walk(s, dot, node.elseList);
  } finally {
    s.pop(mark);
  }
}

function walkRange(s: State, dot: RValue, r: BranchNode): void {
  s.at(r);
  const outer = s.mark();
  try {
    const piped = evalPipeline(s, dot, r.pipe);
    const val = piped ? indirect(piped)[0] : null;
    const mark = s.mark();
    const oneIteration = (index: RValue, item: RValue): void => {
      if (r.pipe.decl.length > 0) s.setTopVar(1, item);
      if (r.pipe.decl.length > 1) s.setTopVar(2, index);
      try {
        walk(s, item, r.list);
      } catch (err) {
        if (!(err instanceof ContinueSignal)) throw err;
      } finally {
        s.pop(mark);
      }
    };
    const kind = val?.t.kind;
    if (val && kind === 'slice') {
      const items = sliceItems(val);
      if (items.length > 0) {
        for (const [i, item] of items.entries()) oneIteration(int(i), { ...item, addr: true });
        return;
      }
    } else if (val && kind === 'map') {
      const entries = [...mapEntries(val).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (entries.length > 0) {
        for (const [k, v] of entries) oneIteration({ t: val.t.key ?? T.string, v: k }, v);
        return;
      }
    } else if (val) {
      s.errorf(`range can't iterate over ${sprint([printable(val)])}`);
    }
    if (r.elseList) walk(s, dot, r.elseList);
  } catch (err) {
    if (!(err instanceof BreakSignal)) throw err;
  } finally {
    s.pop(outer);
  }
}

function walkTemplate(s: State, dot: RValue, t: TemplateNode): void {
  s.at(t);
  const root: ListNode | undefined = s.set.trees.get(t.name);
  if (!root) s.errorf(`template ${quote(t.name)} not defined`);
  if (s.depth >= MAX_EXEC_DEPTH) s.errorf('exceeded maximum template depth (100000)');
  const newDot = evalPipeline(s, dot, t.pipe);
  const inner = new State(s.set, t.name, newDot, s.depth + 1);
  walk(inner, newDot, root);
}

/** The operand fmt sees for a value: interfaces are unwrapped (a nil interface is fmt's nil). */
function printable(v: Value): RValue {
  return v.t.kind === 'interface' ? elem(v) : v;
}

function printValue(s: State, n: Node, v: RValue): void {
  s.at(n);
  let value = v;
  if (value && value.t.kind === 'ptr') value = indirect(value)[0];
  if (!value) {
    s.set.out.value('<no value>');
    return;
  }
  s.set.out.value(sprint([printable(value)]));
}
