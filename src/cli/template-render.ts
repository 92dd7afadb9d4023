import { readFileSync } from 'node:fs';
import { parseRequestObject } from '../operations/request-object.js';
import {
  type ResponseObject,
  renderHeaderTemplate,
  renderInputTemplate,
  renderOutputTemplate,
  renderStatusTemplate,
  renderUrlTemplate,
} from '../webhooks/render.js';
import { renderTemplate } from '../webhooks/template/index.js';

/** `opctl template render`: try a webhook template on sample data before storing it in Director. */

export const KINDS = ['generic', 'url', 'input', 'header', 'output', 'status'] as const;
export type Kind = (typeof KINDS)[number];
export const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

export class UsageError extends Error {}

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--data ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** A response body as the worker hands it to templates: strings as they are, null dropped, others as JSON. */
function flatten(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${what} must be a JSON object`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

function responseObject(data: unknown): ResponseObject {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError('--data must be {"Headers": {...}, "Body": {...}} for output and status templates');
  }
  const record = Object.fromEntries(Object.entries(data));
  return { Headers: flatten(record.Headers, 'Headers'), Body: flatten(record.Body, 'Body') };
}

/** Renders; returns what to print on stdout. Template and data errors are thrown. */
export function renderForCli(kind: Kind, templatePath: string, dataPath: string): string {
  const template = readFileSync(templatePath, 'utf8');
  const data = readJson(dataPath);
  if (kind === 'generic') return renderTemplate('template', template, data);
  if (kind === 'output') return JSON.stringify(renderOutputTemplate(template, responseObject(data)), null, 2);
  if (kind === 'status') return JSON.stringify(renderStatusTemplate(template, responseObject(data)), null, 2);
  const parsed = parseRequestObject(data);
  if (!parsed.ok) throw new UsageError(`--data is not a request object: ${parsed.error}`);
  // The input template's result is printed as the exact bytes the worker would send.
  if (kind === 'input') return renderInputTemplate(template, parsed.value);
  const result =
    kind === 'url' ? renderUrlTemplate(template, parsed.value) : renderHeaderTemplate(template, parsed.value);
  return JSON.stringify(result, null, 2);
}
