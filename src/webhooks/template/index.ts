import { builtinFuncs } from './builtins.js';
import { fromBytes, toBytes } from './bytes.js';
import { directorFuncs } from './director-funcs.js';
import { GoTemplateError } from './errors.js';
import { execute } from './exec.js';
import type { GoFunc } from './functions.js';
import { BufferOutput } from './json-context.js';
import { fromJSON } from './json-data.js';
import { parseTemplate } from './parser.js';
import { sprigFuncs } from './sprig.js';
import type { RValue } from './types.js';

/**
 * A Go text/template engine that renders Director's webhook templates as Director's Go code does:
 * option missingkey=zero, Go's builtins, Director's extra functions and the supported sprig ones.
 */

export { GoTemplateError } from './errors.js';
export { fromJSON } from './json-data.js';
export { RequestDataError, requestData } from './request-data.js';
export { responseData } from './response-data.js';
export type { RValue, Value } from './types.js';

/** Director's FuncMap (sprig overridden by its own helpers), then Go's builtins, as findFunction looks. */
function funcMap(): Map<string, GoFunc> {
  const funcs = new Map<string, GoFunc>(builtinFuncs());
  for (const [name, f] of [...sprigFuncs(), ...directorFuncs()]) funcs.set(name, f);
  return funcs;
}

const FUNCS = funcMap();

/** The names a template may call; Go rejects any other identifier at parse time. */
export const FUNCTION_NAMES: readonly string[] = [...FUNCS.keys()].sort();

export interface RenderResult {
  /** The output as Go's bytes (a byte string: one char per byte). */
  bytes: string;
  /** Values escaped by the JSON-context fix; zero means the bytes are exactly Go's. */
  escaped: number;
}

/**
 * Parses and executes `source` (JS text) as template `name` over Go-modelled data. With `jsonEscape`,
 * values printed inside JSON string literals are escaped when they are not valid string content.
 * Throws GoTemplateError with Go's message.
 */
export function renderGo(
  name: string,
  source: string,
  data: RValue,
  options: { jsonEscape?: boolean } = {},
): RenderResult {
  const goName = toBytes(name);
  const text = toBytes(source);
  const out = new BufferOutput(options.jsonEscape ?? false);
  try {
    const parsed = parseTemplate(goName, text, new Set(FUNCS.keys()));
    execute({ source: text, parseName: goName, trees: parsed.trees, funcs: FUNCS, out }, goName, data);
  } catch (err) {
    if (err instanceof GoTemplateError) throw new GoTemplateError(fromBytes(err.message));
    if (err instanceof RangeError)
      throw new GoTemplateError(`template: ${name}: exceeded maximum template depth (100000)`);
    throw err;
  }
  return { bytes: out.bytes, escaped: out.escaped };
}

/** Renders a template over any JSON value (decoded as Go decodes into interface{}); returns the text. */
export function renderTemplate(name: string, source: string, data: unknown): string {
  return fromBytes(renderGo(name, source, fromJSON(data)).bytes);
}
