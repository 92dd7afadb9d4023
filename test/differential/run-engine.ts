import {
  fromJSON,
  GoTemplateError,
  type RValue,
  renderGo,
  requestData,
  responseData,
} from '../../src/webhooks/template/index.js';
import type { GoCase, GoResult } from './go-renderer.js';

/** Renders a differential case with the TypeScript engine, Go-exact (no JSON-context escaping). */
export function renderWithEngine(c: GoCase): GoResult {
  try {
    let data: RValue;
    if (c.mode === 'request') data = requestData(c.data);
    else if (c.mode === 'response') data = responseData(toResponse(c.data));
    else data = fromJSON(c.data);
    return { id: c.id, ok: true, out: renderGo(c.name, c.template, data).bytes, err: '' };
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
