import { quote } from './quote.js';

/** The parse tree, mirroring text/template/parse's node types and their String() forms. */

interface At {
  pos: number;
  line: number;
}

export interface TextNode extends At {
  type: 'text';
  text: string;
}
export interface CommentNode extends At {
  type: 'comment';
  text: string;
}
export interface ActionNode extends At {
  type: 'action';
  pipe: PipeNode;
}
export interface BranchNode extends At {
  type: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode extends At {
  type: 'template';
  name: string;
  pipe: PipeNode | null;
}
export interface BreakNode extends At {
  type: 'break' | 'continue';
}
export interface ListNode extends At {
  type: 'list';
  nodes: Node[];
}
export interface EndNode extends At {
  type: 'end' | 'else';
}
export interface PipeNode extends At {
  type: 'pipe';
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends At {
  type: 'command';
  args: ArgNode[];
}
export interface FieldNode extends At {
  type: 'field';
  ident: string[];
}
export interface VariableNode extends At {
  type: 'variable';
  ident: string[];
}
export interface ChainNode extends At {
  type: 'chain';
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode extends At {
  type: 'identifier';
  ident: string;
}
export interface DotNode extends At {
  type: 'dot';
}
export interface NilNode extends At {
  type: 'nil';
}
export interface BoolNode extends At {
  type: 'bool';
  value: boolean;
}
export interface StringNode extends At {
  type: 'string';
  quoted: string;
  text: string;
}
export interface NumberNode extends At {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | StringNode
  | NumberNode
  | PipeNode;

export type Node =
  | TextNode
  | CommentNode
  | ActionNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | ListNode
  | EndNode
  | ArgNode
  | CommandNode;

/** Node.String() as Go prints it in error messages. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${elsePart}{{end}}`;
    }
    case 'template':
      return `{{template ${quote(n.name)}${n.pipe ? ` ${nodeString(n.pipe)}` : ''}}}`;
    case 'break':
    case 'continue':
      return `{{${n.type}}}`;
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'end':
    case 'else':
      return `{{${n.type}}}`;
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.map(nodeString).join(', ')} := ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return n.ident.map((id) => `.${id}`).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.field.map((f) => `.${f}`).join('');
    }
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
  }
}
