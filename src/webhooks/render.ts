import { PermanentError } from '../errors.js';
import type { RequestObject } from '../operations/request-object.js';
import { fromBytes } from './template/bytes.js';
import {
  GoTemplateError,
  RequestDataError,
  type RValue,
  renderGo,
  requestData,
  responseData,
} from './template/index.js';
import { type JsonNode, JsonSyntaxError, parseJson } from './template/json-syntax.js';
import { parseRequestURIError } from './template/request-uri.js';
import { decodeHeader, decodeStruct, JsonTypeError } from './template/typed-json.js';

/**
 * Typed rendering of Director's webhook templates, as Director's pkg/webhook does it: render with Go's
 * text/template rules, replace `"<nil>"` with `""` and `<nil>` with `null`, decode the JSON into the
 * result type and validate it with Director's messages. One deliberate difference (CONTRACT.md 8):
 * values printed inside JSON string literals are escaped when they are not valid string content.
 */

export type TemplateKind = 'url' | 'input' | 'header' | 'output' | 'status';

/** A webhook template that failed to render or validate; the message names the template kind. */
export class TemplateError extends PermanentError {
  readonly kind: TemplateKind;
  constructor(kind: TemplateKind, message: string) {
    super('TEMPLATE_ERROR', `${kind} template: ${message}`);
    this.name = 'TemplateError';
    this.kind = kind;
  }
}

export interface ResponseObject {
  Headers: Record<string, string>;
  Body: Record<string, string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const isMethod = (m: string): m is HttpMethod => (METHODS as readonly string[]).includes(m);

/** Renders and parses as JSON; returns the parsed document and the value's bytes (post-processed). */
function renderJson(
  kind: TemplateKind,
  template: string,
  data: () => RValue,
): { node: JsonNode; bytes: string } {
  let rendered: string;
  try {
    rendered = renderGo(kind, template, data(), { jsonEscape: true }).bytes;
  } catch (err) {
    if (err instanceof GoTemplateError || err instanceof RequestDataError)
      throw new TemplateError(kind, err.message);
    throw err;
  }
  // Director's templatehelper: a nil pointer prints <nil>; quoted it becomes "", bare it becomes null.
  const processed = rendered.replaceAll('"<nil>"', '""').replaceAll('<nil>', 'null');
  try {
    const { node, trimmed } = parseJson(processed);
    return { node, bytes: trimmed };
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new TemplateError(kind, fromBytes(err.message));
    throw err;
  }
}

function decode<T>(kind: TemplateKind, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof JsonTypeError) throw new TemplateError(kind, fromBytes(err.message));
    throw err;
  }
}

const text = (v: string | number | null): string | null => (v === null ? null : fromBytes(String(v)));
const num = (v: string | number | null): number | null => (typeof v === 'number' ? v : null);

/** URL template to `{method, path}`; the path must also be an absolute http(s) URL to be callable. */
export function renderUrlTemplate(
  template: string,
  request: RequestObject,
): { method: HttpMethod; path: string } {
  const { node } = renderJson('url', template, () => requestData(request));
  const url = decode('url', () =>
    decodeStruct(node, 'URL', [
      { json: 'method', kind: 'string' },
      { json: 'path', kind: 'string' },
    ]),
  );
  const method = text(url.method ?? null);
  const path = url.path ?? null;
  if (method === null) throw new TemplateError('url', 'missing URL Template method field');
  if (!isMethod(method)) {
    throw new TemplateError('url', `http method not allowed, allowed methods: [${METHODS.join(' ')}]`);
  }
  if (path === null) throw new TemplateError('url', 'missing URL Template path field');
  const uriError = parseRequestURIError(String(path));
  if (uriError)
    throw new TemplateError('url', `failed to parse URL Template path field: ${fromBytes(uriError)}`);
  const pathText = fromBytes(String(path));
  if (!/^https?:\/\/[^/?#]/i.test(pathText)) {
    throw new TemplateError('url', 'URL Template path field must be an absolute http(s) URL');
  }
  return { method, path: pathText };
}

/** Input template to the JSON text to send (the value's bytes, without surrounding whitespace). */
export function renderInputTemplate(template: string, request: RequestObject): string {
  return fromBytes(renderJson('input', template, () => requestData(request)).bytes);
}

/** Header template to header names (as rendered) and their values. */
export function renderHeaderTemplate(template: string, request: RequestObject): Record<string, string[]> {
  const { node } = renderJson('header', template, () => requestData(request));
  const headers = decode('header', () => decodeHeader(node));
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers)) out[fromBytes(name)] = values.map(fromBytes);
  return out;
}

export function renderOutputTemplate(
  template: string,
  response: ResponseObject,
): {
  location: string | null;
  success_status_code: number;
  incomplete_status_code: number | null;
  gone_status_code: number | null;
  error: string;
} {
  const { node } = renderJson('output', template, () => responseData(response));
  const r = decode('output', () =>
    decodeStruct(node, 'Response', [
      { json: 'config', kind: 'string' },
      { json: 'location', kind: 'string' },
      { json: 'state', kind: 'string' },
      { json: 'success_status_code', kind: 'int' },
      { json: 'incomplete_status_code', kind: 'int' },
      { json: 'gone_status_code', kind: 'int' },
      { json: 'error', kind: 'string' },
    ]),
  );
  const success = num(r.success_status_code ?? null);
  const error = text(r.error ?? null);
  if (success === null)
    throw new TemplateError('output', 'missing Output Template success status code field');
  if (error === null) throw new TemplateError('output', 'missing Output Template error field');
  return {
    location: text(r.location ?? null),
    success_status_code: success,
    incomplete_status_code: num(r.incomplete_status_code ?? null),
    gone_status_code: num(r.gone_status_code ?? null),
    error,
  };
}

export function renderStatusTemplate(
  template: string,
  response: ResponseObject,
): {
  status: string;
  success_status_code: number;
  success_status_identifier: string;
  in_progress_status_identifier: string;
  failed_status_identifier: string;
  error: string;
} {
  const { node } = renderJson('status', template, () => responseData(response));
  const r = decode('status', () =>
    decodeStruct(node, 'ResponseStatus', [
      { json: 'status', kind: 'string' },
      { json: 'success_status_code', kind: 'int' },
      { json: 'success_status_identifier', kind: 'string' },
      { json: 'in_progress_status_identifier', kind: 'string' },
      { json: 'failed_status_identifier', kind: 'string' },
      { json: 'error', kind: 'string' },
    ]),
  );
  const missing = (what: string): TemplateError =>
    new TemplateError('status', `missing Status Template ${what} field`);
  const status = text(r.status ?? null);
  if (status === null) throw missing('status');
  const success = num(r.success_status_code ?? null);
  if (success === null) throw missing('success status code');
  const successId = text(r.success_status_identifier ?? null);
  if (successId === null) throw missing('success status identifier');
  const inProgressId = text(r.in_progress_status_identifier ?? null);
  if (inProgressId === null) throw missing('in progress status identifier');
  const failedId = text(r.failed_status_identifier ?? null);
  if (failedId === null) throw missing('failed status identifier');
  const error = text(r.error ?? null);
  if (error === null) throw missing('error');
  return {
    status,
    success_status_code: success,
    success_status_identifier: successId,
    in_progress_status_identifier: inProgressId,
    failed_status_identifier: failedId,
    error,
  };
}
