/**
 * A small model of Go's reflect: the types and values a template can meet. Just enough of reflect's
 * rules (kinds, assignability, interfaces, addressability) for text/template's behaviour to follow.
 */

export type Kind =
  | 'bool'
  | 'int'
  | 'int64'
  | 'int32'
  | 'uint8'
  | 'uint64'
  | 'float64'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'interface'
  | 'rvalue';

export interface StructField {
  name: string;
  type: GoType;
  embedded?: boolean;
  /** The key encoding/json uses, for decoding and toJson. */
  json?: string;
}

export interface Method {
  name: string;
  /** Declared on the pointer type: callable only through a pointer or an addressable value. */
  ptrRecv: boolean;
  params: GoType[];
  /** How many results the Go method has (text/template refuses anything but 1, or 2 with an error). */
  results: number;
  call: (recv: Value, args: RValue[]) => RValue;
}

export interface GoType {
  kind: Kind;
  /** reflect.Type.String(), used in error messages. */
  name: string;
  /** Whether the type is a defined (named) type, for assignability. */
  named: boolean;
  elem?: GoType;
  key?: GoType;
  fields?: StructField[];
  methods?: Method[];
  /** Interfaces: method names required (none for `interface {}`). */
  requires?: string[];
}

/** A valid reflect.Value. `addr` marks addressable values, `ro` values read through unexported fields. */
export interface Value {
  t: GoType;
  v: unknown;
  addr?: boolean;
  ro?: boolean;
}

/** A reflect.Value that may be the invalid (zero) Value, written as null. */
export type RValue = Value | null;

// Predeclared types (string, int, ...) are named types: a defined string type is not assignable to string.
function basic(kind: Kind, name = kind): GoType {
  return { kind, name, named: true };
}

export const T = {
  bool: basic('bool'),
  int: basic('int'),
  int64: basic('int64'),
  int32: basic('int32'),
  uint8: basic('uint8'),
  uint64: basic('uint64'),
  float64: basic('float64'),
  string: basic('string'),
  iface: { kind: 'interface', name: 'interface {}', named: false, requires: [] } as GoType,
  error: { kind: 'interface', name: 'error', named: true, requires: ['Error'] } as GoType,
  rvalue: { kind: 'rvalue', name: 'reflect.Value', named: true } as GoType,
};

const composite = new Map<string, GoType>();

function cached(name: string, make: () => GoType): GoType {
  let t = composite.get(name);
  if (!t) {
    t = make();
    composite.set(name, t);
  }
  return t;
}

export const sliceOf = (elem: GoType): GoType =>
  cached(`[]${elem.name}`, () => ({ kind: 'slice', name: `[]${elem.name}`, named: false, elem }));
export const mapOf = (key: GoType, elem: GoType): GoType =>
  cached(`map[${key.name}]${elem.name}`, () => ({
    kind: 'map',
    name: `map[${key.name}]${elem.name}`,
    named: false,
    key,
    elem,
  }));
export const ptrTo = (elem: GoType): GoType =>
  cached(`*${elem.name}`, () => ({ kind: 'ptr', name: `*${elem.name}`, named: false, elem }));

export const isIntKind = (k: Kind): boolean => k === 'int' || k === 'int64' || k === 'int32';
export const isUintKind = (k: Kind): boolean => k === 'uint8' || k === 'uint64';

/** The structure of a type, ignoring its name: what "identical underlying types" compares. */
function underlying(t: GoType): string {
  switch (t.kind) {
    case 'slice':
      return `[]${underlyingOrName(t.elem)}`;
    case 'map':
      return `map[${underlyingOrName(t.key)}]${underlyingOrName(t.elem)}`;
    case 'ptr':
      return `*${underlyingOrName(t.elem)}`;
    case 'struct':
    case 'interface':
    case 'rvalue':
      return t.named ? `<${t.name}>` : t.name;
    default:
      return t.kind;
  }
}

function underlyingOrName(t: GoType | undefined): string {
  if (!t) return '?';
  return t.named ? t.name : underlying(t);
}

export function methodSet(t: GoType): Method[] {
  if (t.kind === 'ptr' && t.elem) return [...(t.elem.methods ?? []), ...promoted(t.elem)];
  return [...(t.methods ?? []).filter((m) => !m.ptrRecv), ...promoted(t).filter((m) => !m.ptrRecv)];
}

// Methods promoted from embedded pointer fields are in the method set of both T and *T.
function promoted(t: GoType): Method[] {
  const out: Method[] = [];
  for (const f of t.fields ?? []) {
    if (f.embedded && f.type.kind === 'ptr' && f.type.elem) out.push(...(f.type.elem.methods ?? []));
  }
  return out;
}

export function implementsIface(v: GoType, iface: GoType): boolean {
  const names = new Set(methodSet(v).map((m) => m.name));
  return (iface.requires ?? []).every((m) => names.has(m));
}

/** reflect.Type.AssignableTo. */
export function assignableTo(v: GoType, t: GoType): boolean {
  if (v === t) return true;
  if (t.kind === 'interface') return implementsIface(v, t);
  if (v.named && t.named) return false;
  if (v.kind !== t.kind) return false;
  if (v.kind === 'struct') return false;
  if (!v.named && !t.named) return v.name === t.name;
  return underlying(v) === underlying(t);
}

export const zeroValue = (t: GoType): RValue => {
  switch (t.kind) {
    case 'bool':
      return { t, v: false };
    case 'int':
    case 'int64':
    case 'int32':
    case 'uint8':
    case 'uint64':
      return { t, v: 0n };
    case 'float64':
      return { t, v: 0 };
    case 'string':
      return { t, v: '' };
    case 'struct':
      return { t, v: (t.fields ?? []).map((f) => zeroValue(f.type)) };
    case 'rvalue':
      return { t, v: null };
    default:
      return { t, v: null };
  }
};

export const str = (s: string): Value => ({ t: T.string, v: s });
export const bool = (b: boolean): Value => ({ t: T.bool, v: b });
export const int = (n: bigint | number): Value => ({ t: T.int, v: BigInt(n) });
export const float = (f: number): Value => ({ t: T.float64, v: f });
/** A value stored in an `interface {}` slot (a map element, a function result). */
export const box = (v: RValue): Value => ({ t: T.iface, v: v && v.t.kind === 'interface' ? v.v : v });

export function isNilable(t: GoType): boolean {
  return t.kind === 'slice' || t.kind === 'map' || t.kind === 'ptr' || t.kind === 'interface';
}

/** reflect.Value.IsNil for the kinds that have it. */
export function isNil(v: Value): boolean {
  return isNilable(v.t) && v.v === null;
}

/** Elem of an interface or pointer Value (null when nil). */
export function elem(v: Value): RValue {
  if (v.t.kind === 'interface') return (v.v as RValue) ?? null;
  if (v.t.kind === 'ptr') {
    const target = v.v as RValue;
    return target ? { ...target, addr: true } : null;
  }
  return v;
}

/** text/template's indirect: through pointers and interfaces to the first nil or non-pointer. */
export function indirect(v: Value): [Value, boolean] {
  let cur = v;
  for (;;) {
    const k = cur.t.kind;
    if (k !== 'ptr' && k !== 'interface') return [cur, false];
    const next = cur.v === null ? null : elem(cur);
    if (!next) return [cur, true];
    cur = next;
  }
}

/** text/template's indirectInterface. */
export function indirectInterface(v: RValue): RValue {
  if (v?.t.kind !== 'interface') return v;
  return (v.v as RValue) ?? null;
}

export function lengthOf(v: Value): number {
  if (v.t.kind === 'string') return (v.v as string).length;
  if (v.t.kind === 'slice') return ((v.v as Value[] | null) ?? []).length;
  if (v.t.kind === 'map') return (v.v as Map<string, Value> | null)?.size ?? 0;
  return 0;
}

export const sliceItems = (v: Value): Value[] => (v.v as Value[] | null) ?? [];
export const mapEntries = (v: Value): Map<string, Value> => (v.v as Map<string, Value> | null) ?? new Map();
