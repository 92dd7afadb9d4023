import { toBytes } from './bytes.js';
import { APPLICATION, LOCATION, REQUEST_OBJECT, RESOURCE, TIMESTAMP } from './director-types.js';
import { internalSeconds, parseRFC3339 } from './timestamp.js';
import { type GoType, mapOf, ptrTo, type StructField, T, type Value, zeroValue } from './types.js';

/**
 * Decodes the request object (Director's JSON) into the Go structs the old controller rendered with,
 * following encoding/json: keys match json tags (or field names) case-insensitively, later keys win,
 * unknown keys are ignored, null leaves pointers nil, fields of the embedded *BaseEntity are promoted.
 */

export class RequestDataError extends Error {}

interface Slot {
  field: StructField;
  /** Index path; two entries for a field promoted from the embedded *BaseEntity. */
  path: number[];
}

function slots(t: GoType): Slot[] {
  const out: Slot[] = [];
  (t.fields ?? []).forEach((field, i) => {
    if (field.embedded && field.type.elem) {
      for (const [j, inner] of (field.type.elem.fields ?? []).entries())
        out.push({ field: inner, path: [i, j] });
    } else {
      out.push({ field, path: [i] });
    }
  });
  return out;
}

function findSlot(all: Slot[], key: string): Slot | undefined {
  const jsonName = (s: Slot): string => s.field.json ?? s.field.name;
  return (
    all.find((s) => jsonName(s) === key) ?? all.find((s) => jsonName(s).toLowerCase() === key.toLowerCase())
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeTimestamp(raw: unknown, where: string): Value {
  if (typeof raw !== 'string') throw new RequestDataError(`${where}: expected an RFC 3339 time`);
  let parsed: ReturnType<typeof parseRFC3339>;
  try {
    parsed = parseRFC3339(raw);
  } catch (err) {
    throw new RequestDataError(`${where}: ${(err as Error).message}`);
  }
  const loc = parsed.offset === null ? null : { t: LOCATION, v: parsed.offset };
  return {
    t: TIMESTAMP,
    v: [
      { t: T.uint64, v: BigInt(parsed.nanos) },
      { t: T.int64, v: internalSeconds(parsed.unixSeconds) },
      { t: ptrTo(LOCATION), v: loc },
    ],
  };
}

function decodeValue(t: GoType, raw: unknown, where: string): Value {
  if (t.kind === 'ptr' && t.elem) {
    if (raw === null) return { t, v: null };
    return { t, v: decodeValue(t.elem, raw, where) };
  }
  if (t === TIMESTAMP) return raw === null ? (zeroValue(TIMESTAMP) as Value) : decodeTimestamp(raw, where);
  if (raw === null) return zeroValue(t) as Value;
  if (t.kind === 'string') {
    if (typeof raw !== 'string') throw new RequestDataError(`${where}: expected a string`);
    return { t, v: toBytes(raw) };
  }
  if (t.kind === 'bool') {
    if (typeof raw !== 'boolean') throw new RequestDataError(`${where}: expected a boolean`);
    return { t, v: raw };
  }
  if (t.kind === 'map') {
    if (!isRecord(raw)) throw new RequestDataError(`${where}: expected an object`);
    const m = new Map<string, Value>();
    for (const [k, v] of Object.entries(raw))
      m.set(toBytes(k), decodeValue(t.elem ?? T.string, v, `${where}.${k}`));
    return { t, v: m };
  }
  if (t.kind === 'struct') return decodeStruct(t, raw, where);
  throw new RequestDataError(`${where}: cannot decode into ${t.name}`);
}

function decodeStruct(t: GoType, raw: unknown, where: string): Value {
  if (!isRecord(raw)) throw new RequestDataError(`${where}: expected an object`);
  const value = zeroValue(t) as Value;
  const fields = value.v as Value[];
  const all = slots(t);
  for (const [key, item] of Object.entries(raw)) {
    const slot = findSlot(all, key);
    if (!slot) continue;
    const [first = 0, second] = slot.path;
    if (second === undefined) {
      fields[first] = decodeValue(slot.field.type, item, `${where}.${key}`);
      continue;
    }
    // Setting a promoted field allocates the embedded pointer, as encoding/json does.
    const embedded = fields[first] as Value;
    const embeddedType = embedded.t.elem as GoType;
    if (embedded.v === null) fields[first] = { t: embedded.t, v: zeroValue(embeddedType) };
    const target = (fields[first] as Value).v as Value;
    (target.v as Value[])[second] = decodeValue(slot.field.type, item, `${where}.${key}`);
  }
  return value;
}

/** The template data for url, input and header templates. */
export function requestData(request: unknown): Value {
  if (!isRecord(request)) throw new RequestDataError('request object: expected an object');
  const all = slots(REQUEST_OBJECT);
  // The old controller decoded into a graphql.Application value and stored its address: never nil.
  const fields: Value[] = [
    { t: RESOURCE, v: { t: ptrTo(APPLICATION), v: zeroValue(APPLICATION) } },
    { t: T.string, v: '' },
    { t: mapOf(T.string, T.string), v: null },
  ];
  for (const [key, item] of Object.entries(request)) {
    const slot = findSlot(all, key);
    if (!slot) continue;
    const i = slot.path[0] ?? 0;
    if (i === 0) {
      // Application is decoded as graphql.Application and stored in the Resource interface as a pointer.
      const app =
        item === null ? (zeroValue(APPLICATION) as Value) : decodeStruct(APPLICATION, item, 'Application');
      fields[0] = { t: RESOURCE, v: { t: ptrTo(APPLICATION), v: app } };
    } else {
      fields[i] = decodeValue(slot.field.type, item, key);
    }
  }
  return { t: REQUEST_OBJECT, v: fields };
}
