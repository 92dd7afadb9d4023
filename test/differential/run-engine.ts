import {
  fromJSON,
  GoTemplateError,
  type RValue,
  renderGo,
  requestData,
  responseData,
} from '../../src/webhooks/template/index.js';
import type { GoCase, GoResult } from './go-renderer.js';

function dataOf(c: GoCase): RValue {
  if (c.mode === 'request') return requestData(c.data);
  if (c.mode === 'response') return responseData(toResponse(c.data));
  return fromJSON(c.data);
}

/** Renders a differential case with the TypeScript engine, Go-exact (no JSON-context escaping). */
export function renderWithEngine(c: GoCase): GoResult {
  try {
    return { id: c.id, ok: true, out: renderGo(c.name, c.template, dataOf(c)).bytes, err: '' };
  } catch (err) {
    if (err instanceof GoTemplateError) return { id: c.id, ok: false, out: '', err: err.message };
    throw err;
  }
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function toResponse(v: unknown): { Headers: Record<string, string>; Body: Record<string, string> } {
  const o = typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v)) : {};
  return { Headers: stringRecord(o.Headers), Body: stringRecord(o.Body) };
}

/**
 * Whether the JSON-context fix (CONTRACT.md 8) changes this case's output: how the typed renderers
 * render it. Zero escaped values means their output is Go's byte for byte.
 */
export function escapingChanges(c: GoCase): boolean {
  try {
    return renderGo(c.name, c.template, dataOf(c), { jsonEscape: true }).escaped > 0;
  } catch (err) {
    if (err instanceof GoTemplateError) return false;
    throw err;
  }
}
