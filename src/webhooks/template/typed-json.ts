import type { JsonNode } from './json-syntax.js';

/**
 * json.Unmarshal of a parsed document into Director's result types (webhook.URL, webhook.Response,
 * webhook.ResponseStatus, http.Header), with encoding/json's matching rules (exact key, then
 * case-insensitive; later keys win) and its type error texts. Strings are byte strings.
 */

export class JsonTypeError extends Error {}

type FieldKind = 'string' | 'int';
export interface FieldSpec {
  json: string;
  kind: FieldKind;
}

const what = (n: JsonNode): string => (n.kind === 'bool' ? 'bool' : n.kind);

/** Decodes a JSON object into a struct of *string and *int fields; absent or null fields are null. */
export function decodeStruct(
  node: JsonNode,
  goType: string,
  fields: FieldSpec[],
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of fields) out[f.json] = null;
  if (node.kind === 'null') return out;
  if (node.kind !== 'object')
    throw new JsonTypeError(`json: cannot unmarshal ${what(node)} into Go value of type webhook.${goType}`);
  let firstError: JsonTypeError | null = null;
  for (const [key, value] of node.entries) {
    const field =
      fields.find((f) => f.json === key) ?? fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
    if (!field) continue;
    const fail = (valueDesc: string): void => {
      firstError ??= new JsonTypeError(
        `json: cannot unmarshal ${valueDesc} into Go struct field ${goType}.${field.json} of type ${field.kind === 'int' ? 'int' : 'string'}`,
      );
    };
    if (value.kind === 'null') {
      out[field.json] = null;
    } else if (field.kind === 'string') {
      if (value.kind === 'string') out[field.json] = value.value;
      else fail(what(value));
    } else if (value.kind === 'number') {
      const ok =
        /^-?\d+$/.test(value.raw) && BigInt(value.raw) >= -(2n ** 63n) && BigInt(value.raw) < 2n ** 63n;
      if (ok) out[field.json] = Number(value.raw);
      else fail(`number ${value.raw}`);
    } else {
      fail(what(value));
    }
  }
  if (firstError) throw firstError;
  return out;
}

/** Decodes into http.Header (map[string][]string); names are kept as written. */
export function decodeHeader(node: JsonNode): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (node.kind === 'null') return out;
  if (node.kind !== 'object')
    throw new JsonTypeError(`json: cannot unmarshal ${what(node)} into Go value of type http.Header`);
  let firstError: JsonTypeError | null = null;
  for (const [key, value] of node.entries) {
    if (value.kind === 'null') {
      out[key] = [];
      continue;
    }
    if (value.kind !== 'array') {
      firstError ??= new JsonTypeError(
        `json: cannot unmarshal ${what(value)} into Go value of type []string`,
      );
      continue;
    }
    out[key] = value.items.map((item) => {
      if (item.kind === 'string') return item.value;
      if (item.kind !== 'null') {
        firstError ??= new JsonTypeError(`json: cannot unmarshal ${what(item)} into Go value of type string`);
      }
      return '';
    });
  }
  if (firstError) throw firstError;
  return out;
}
