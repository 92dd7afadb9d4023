import { FuncError } from './errors.js';
import type { GoFunc } from './functions.js';
import type {
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  Node,
  NumberNode,
  PipeNode,
  VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import { quote } from './quote.js';
import type { State } from './state.js';
import { isTrue } from './truth.js';
import {
  assignableTo,
  bool,
  elem,
  float,
  type GoType,
  indirect,
  indirectInterface,
  int,
  isIntKind,
  isNil,
  isNilable,
  isUintKind,
  mapEntries,
  methodSet,
  ptrTo,
  type RValue,
  str,
  T,
  type Value,
  zeroValue,
} from './types.js';

/** Command, field, argument and call evaluation: a port of the evaluation half of Go's exec.go. */

/** Go's missingVal: "no final argument from a previous pipeline stage". */
export const MISSING: Value = { t: { kind: 'struct', name: 'template.missingValType', named: true }, v: [] };

export function evalPipeline(s: State, dot: RValue, pipe: PipeNode | null): RValue {
  if (!pipe) return null;
  s.at(pipe);
  let value: RValue = MISSING;
  for (const cmd of pipe.cmds) {
    value = evalCommand(s, dot, cmd, value);
    if (value && value.t.kind === 'interface' && (value.t.requires ?? []).length === 0) value = elem(value);
  }
  for (const variable of pipe.decl) {
    const name = variable.ident[0] ?? '';
    if (pipe.isAssign) s.setVar(name, value);
    else s.push(name, value);
  }
  return value;
}

function notAFunction(s: State, args: ArgNode[], final: RValue): void {
  if (args.length > 1 || final !== MISSING) {
    s.errorf(`can't give argument to non-function ${nodeString(args[0] as Node)}`);
  }
}

function evalCommand(s: State, dot: RValue, cmd: CommandNode, final: RValue): RValue {
  const first = cmd.args[0] as ArgNode;
  switch (first.type) {
    case 'field':
      return evalFieldNode(s, dot, first, cmd.args, final);
    case 'chain':
      return evalChainNode(s, dot, first, cmd.args, final);
    case 'identifier':
      return evalFunction(s, dot, first.ident, first, cmd, cmd.args, final);
    case 'pipe':
      notAFunction(s, cmd.args, final);
      return evalPipeline(s, dot, first);
    case 'variable':
      return evalVariableNode(s, dot, first, cmd.args, final);
  }
  s.at(first);
  notAFunction(s, cmd.args, final);
  switch (first.type) {
    case 'bool':
      return bool(first.value);
    case 'dot':
      return dot;
    case 'nil':
      return s.errorf('nil is not a command');
    case 'number':
      return idealConstant(s, first);
    case 'string':
      return str(first.text);
  }
}

function idealConstant(s: State, c: NumberNode): RValue {
  s.at(c);
  const isHexInt = /^0[xX]/.test(c.text) && !/[pP]/.test(c.text);
  if (c.isFloat && !isHexInt && !c.text.startsWith("'") && /[.eEpP]/.test(c.text)) return float(c.float64);
  if (c.isInt) return int(c.int64);
  if (c.isUint) s.errorf(`${c.text} overflows int`);
  return null;
}

function evalFieldNode(
  s: State,
  dot: RValue,
  field: FieldNode,
  args: ArgNode[] | null,
  final: RValue,
): RValue {
  s.at(field);
  return evalFieldChain(s, dot, dot, field, field.ident, args, final);
}

function evalChainNode(
  s: State,
  dot: RValue,
  chain: ChainNode,
  args: ArgNode[] | null,
  final: RValue,
): RValue {
  s.at(chain);
  if (chain.node.type === 'nil') s.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
  const pipe = evalArg(s, dot, null, chain.node);
  return evalFieldChain(s, dot, pipe, chain, chain.field, args, final);
}

function evalVariableNode(
  s: State,
  dot: RValue,
  variable: VariableNode,
  args: ArgNode[] | null,
  final: RValue,
): RValue {
  s.at(variable);
  const value = s.varValue(variable.ident[0] ?? '');
  if (variable.ident.length === 1) {
    notAFunction(s, args ?? [], final);
    return value;
  }
  return evalFieldChain(s, dot, value, variable, variable.ident.slice(1), args, final);
}

function evalFieldChain(
  s: State,
  dot: RValue,
  receiver: RValue,
  node: Node,
  ident: string[],
  args: ArgNode[] | null,
  final: RValue,
): RValue {
  let r = receiver;
  for (let i = 0; i < ident.length - 1; i++) r = evalField(s, dot, ident[i] ?? '', node, null, MISSING, r);
  return evalField(s, dot, ident[ident.length - 1] ?? '', node, args, final, r);
}

function evalFunction(
  s: State,
  dot: RValue,
  name: string,
  node: Node,
  cmd: Node,
  args: ArgNode[] | null,
  final: RValue,
): RValue {
  s.at(node);
  const f = s.set.funcs.get(name);
  if (!f) s.errorf(`${quote(name)} is not a defined function`);
  return evalCall(s, dot, f, cmd, name, args, final);
}

function fieldByName(t: GoType, name: string): { path: number[]; type: GoType } | null {
  const fields = t.fields ?? [];
  const direct = fields.findIndex((f) => f.name === name);
  if (direct >= 0) return { path: [direct], type: (fields[direct] as { type: GoType }).type };
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (!f?.embedded) continue;
    const inner = f.type.kind === 'ptr' ? f.type.elem : f.type;
    const found = inner ? fieldByName(inner, name) : null;
    if (found) return { path: [i, ...found.path], type: found.type };
  }
  return null;
}

function evalField(
  s: State,
  dot: RValue,
  fieldName: string,
  node: Node,
  args: ArgNode[] | null,
  final: RValue,
  receiverIn: RValue,
): RValue {
  if (!receiverIn) return null;
  const typ = receiverIn.t;
  const [receiver, nil] = indirect(receiverIn);
  if (receiver.t.kind === 'interface' && nil) s.errorf(`nil pointer evaluating ${typ.name}.${fieldName}`);
  const ptrMethods = receiver.t.kind !== 'ptr' && receiver.t.kind !== 'interface' && receiver.addr;
  const methods = ptrMethods ? methodSet(ptrTo(receiver.t)) : methodSet(receiver.t);
  const method = methods.find((m) => m.name === fieldName);
  if (method) {
    const f: GoFunc = {
      params: method.params,
      variadic: false,
      results: method.results,
      call: (argv) => method.call(receiver, argv),
    };
    return evalCall(s, dot, f, node, fieldName, args, final);
  }
  const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
  if (receiver.t.kind === 'struct') {
    const found = fieldByName(receiver.t, fieldName);
    if (found) {
      let v: Value = receiver;
      let ro = receiver.ro ?? false;
      for (const [depth, index] of found.path.entries()) {
        if (depth > 0) {
          const target = v.t.kind === 'ptr' ? elem(v) : v;
          if (!target)
            s.errorf(
              `reflect: indirection through nil pointer to embedded struct field ${v.t.elem?.name.split('.').pop()}`,
            );
          v = target;
        }
        const fieldDef = v.t.fields?.[index];
        ro ||= !/^[A-Z]/.test(fieldDef?.name ?? '');
        v = { ...((v.v as Value[])[index] as Value), addr: v.addr ?? false, ro };
      }
      if (!/^[A-Z]/.test(fieldName))
        s.errorf(`${fieldName} is an unexported field of struct type ${typ.name}`);
      if (hasArgs) s.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      return v;
    }
  } else if (receiver.t.kind === 'map' && receiver.t.key && assignableTo(T.string, receiver.t.key)) {
    if (hasArgs) s.errorf(`${fieldName} is not a method but has arguments`);
    return mapEntries(receiver).get(fieldName) ?? zeroValue(receiver.t.elem ?? T.iface);
  } else if (receiver.t.kind === 'ptr') {
    const etyp = receiver.t.elem;
    if (!(etyp?.kind === 'struct' && !fieldByName(etyp, fieldName)) && nil) {
      s.errorf(`nil pointer evaluating ${typ.name}.${fieldName}`);
    }
  }
  return s.errorf(`can't evaluate field ${fieldName} in type ${typ.name}`);
}

function goodFunc(f: GoFunc): boolean {
  return f.results === 1 || f.results === 2;
}

function evalCall(
  s: State,
  dot: RValue,
  f: GoFunc,
  node: Node,
  name: string,
  argsIn: ArgNode[] | null,
  final: RValue,
): RValue {
  const args = argsIn ? argsIn.slice(1) : [];
  const numIn = args.length + (final !== MISSING ? 1 : 0);
  let numFixed = args.length;
  if (f.variadic) {
    numFixed = f.params.length - 1;
    if (numIn < numFixed) {
      s.errorf(`wrong number of args for ${name}: want at least ${f.params.length - 1} got ${args.length}`);
    }
  } else if (numIn !== f.params.length) {
    s.errorf(`wrong number of args for ${name}: want ${f.params.length} got ${numIn}`);
  }
  if (!goodFunc(f)) s.errorf(`can't call method/function ${quote(name)} with ${f.results} results`);
  if (f.builtin && (name === 'and' || name === 'or')) {
    let v: RValue = null;
    for (const arg of args) {
      v = evalArg(s, dot, T.rvalue, arg);
      if (isTrue(indirectInterface(v))[0] === (name === 'or')) return v;
    }
    if (final !== MISSING) v = validateType(s, final, T.rvalue);
    return v;
  }
  const argv: RValue[] = [];
  const paramTypes: GoType[] = [];
  let i = 0;
  for (; i < numFixed && i < args.length; i++) {
    const t = f.params[i] as GoType;
    argv.push(evalArg(s, dot, t, args[i] as ArgNode));
    paramTypes.push(t);
  }
  const last = f.params[f.params.length - 1] as GoType;
  if (f.variadic) {
    const argType = last.elem as GoType;
    for (; i < args.length; i++) {
      argv.push(evalArg(s, dot, argType, args[i] as ArgNode));
      paramTypes.push(argType);
    }
  }
  if (final !== MISSING) {
    let t = last;
    if (f.variadic) t = numIn - 1 < numFixed ? (f.params[numIn - 1] as GoType) : (last.elem as GoType);
    argv.push(validateType(s, final, t));
    paramTypes.push(t);
  }
  // Go converts each argument to its parameter type on the call; interface parameters see the dynamic value.
  const converted = argv.map((a, k) => {
    const t = paramTypes[k] as GoType;
    if (t.kind === 'interface') return indirectInterface(a);
    if (t.kind === 'rvalue' || !a) return a;
    return { ...a, t };
  });
  try {
    return f.call(converted);
  } catch (err) {
    if (err instanceof FuncError) {
      s.at(node);
      s.errorf(`error calling ${name}: ${err.message}`);
    }
    throw err;
  }
}

function validateType(s: State, value: RValue, typ: GoType | null): RValue {
  if (!value) {
    if (!typ) return null;
    if (typ.kind === 'rvalue') return null;
    if (isNilable(typ)) return zeroValue(typ);
    s.errorf(`invalid value; expected ${typ.name}`);
  }
  if (!typ || typ.kind === 'rvalue') return value;
  if (assignableTo(value.t, typ)) return value;
  let v: Value = value;
  if (v.t.kind === 'interface' && !isNil(v)) {
    const inner = elem(v);
    if (inner && assignableTo(inner.t, typ)) return inner;
    if (inner) v = inner;
  }
  if (v.t.kind === 'ptr' && v.t.elem && assignableTo(v.t.elem, typ)) {
    const inner = elem(v);
    if (!inner) s.errorf(`dereference of nil pointer of type ${typ.name}`);
    return inner;
  }
  if (assignableTo(ptrTo(v.t), typ) && v.addr) return { t: ptrTo(v.t), v };
  return s.errorf(`wrong type for value; expected ${typ.name}; got ${v.t.name}`);
}

export function evalArg(s: State, dot: RValue, typ: GoType | null, n: ArgNode): RValue {
  s.at(n);
  switch (n.type) {
    case 'dot':
      return validateType(s, dot, typ);
    case 'nil':
      if (typ && (isNilable(typ) || typ.kind === 'rvalue'))
        return typ.kind === 'rvalue' ? null : zeroValue(typ);
      return s.errorf(`cannot assign nil to ${typ?.name}`);
    case 'field':
      return validateType(s, evalFieldNode(s, dot, n, [n], MISSING), typ);
    case 'variable':
      return validateType(s, evalVariableNode(s, dot, n, null, MISSING), typ);
    case 'pipe':
      return validateType(s, evalPipeline(s, dot, n), typ);
    case 'identifier':
      return validateType(s, evalFunction(s, dot, n.ident, n, n, null, MISSING), typ);
    case 'chain':
      return validateType(s, evalChainNode(s, dot, n, null, MISSING), typ);
  }
  const t = typ as GoType;
  if (t.kind === 'bool') {
    if (n.type === 'bool') return { t, v: n.value };
    return s.errorf(`expected bool; found ${nodeString(n)}`);
  }
  if (t.kind === 'float64') {
    if (n.type === 'number' && n.isFloat) return { t, v: n.float64 };
    return s.errorf(`expected float; found ${nodeString(n)}`);
  }
  if (isIntKind(t.kind)) {
    if (n.type === 'number' && n.isInt) return { t, v: n.int64 };
    return s.errorf(`expected integer; found ${nodeString(n)}`);
  }
  if (isUintKind(t.kind)) {
    if (n.type === 'number' && n.isUint) return { t, v: t.kind === 'uint8' ? n.uint64 & 0xffn : n.uint64 };
    return s.errorf(`expected unsigned integer; found ${nodeString(n)}`);
  }
  if ((t.kind === 'interface' && (t.requires ?? []).length === 0) || t.kind === 'rvalue') {
    s.at(n);
    if (n.type === 'bool') return bool(n.value);
    if (n.type === 'number') return idealConstant(s, n);
    return str(n.text);
  }
  if (t.kind === 'string') {
    if (n.type === 'string') return { t, v: n.text };
    return s.errorf(`expected string; found ${nodeString(n)}`);
  }
  return s.errorf(`can't handle ${nodeString(n)} for arg of type ${t.name}`);
}
