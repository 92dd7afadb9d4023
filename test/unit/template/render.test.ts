import { describe, expect, it } from 'vitest';
import { canonicalHeaderKey } from '../../../src/http/canonical-header-key.js';
import type { RequestObject } from '../../../src/operations/request-object.js';
import {
  renderHeaderTemplate,
  renderInputTemplate,
  renderOutputTemplate,
  renderStatusTemplate,
  renderUrlTemplate,
  TemplateError,
} from '../../../src/webhooks/render.js';

const request: RequestObject = {
  Application: {
    id: 'app-1',
    name: 'My App',
    description: null,
    providerName: 'SAP',
    status: { condition: 'CONNECTED', timestamp: '2024-01-02T03:04:05.5Z' },
    createdAt: '2024-01-02T03:04:05Z',
    ready: true,
  },
  TenantID: 'tenant-1',
  Headers: { Client_user: 'bob' },
};

const response = {
  Headers: { Location: 'https://ext.example.com/op/1' },
  Body: { status: 'IN_PROGRESS', error: '' },
};

function templateError(f: () => unknown): TemplateError {
  try {
    f();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
}

describe('renderUrlTemplate', () => {
  it('renders the method and the path with the application ID', () => {
    const url = renderUrlTemplate(
      '{"method": "DELETE","path":"https://test-domain.com/api/v1/applications/{{.Application.ID}}"}',
      request,
    );
    expect(url).toEqual({ method: 'DELETE', path: 'https://test-domain.com/api/v1/applications/app-1' });
  });

  it.each([
    ['{"path": "https://x"}', 'url template: missing URL Template method field'],
    [
      '{"method": "HEAD", "path": "https://x"}',
      'url template: http method not allowed, allowed methods: [GET POST PUT DELETE PATCH]',
    ],
    ['{"method": "GET"}', 'url template: missing URL Template path field'],
    [
      '{"method": "GET", "path": "x y"}',
      'url template: failed to parse URL Template path field: parse "x y": invalid URI for request',
    ],
    [
      '{"method": "GET", "path": "/relative"}',
      'url template: URL Template path field must be an absolute http(s) URL',
    ],
    ['[1]', 'url template: json: cannot unmarshal array into Go value of type webhook.URL'],
  ])("rejects %j with Director's message", (template, message) => {
    const err = templateError(() => renderUrlTemplate(template, request));
    expect(err.message).toBe(message);
    expect(err.code).toBe('TEMPLATE_ERROR');
  });
});

describe('renderInputTemplate', () => {
  it('returns the JSON text to send', () => {
    expect(
      renderInputTemplate(
        ' {"application_id": "{{.Application.ID}}","name": "{{.Application.Name}}"} ',
        request,
      ),
    ).toBe('{"application_id": "app-1","name": "My App"}');
  });

  it('turns quoted nil pointers into "" and bare ones into null, as Director does', () => {
    expect(
      renderInputTemplate('{"d": "{{.Application.Description}}", "e": {{.Application.Error}}}', request),
    ).toBe('{"d": "", "e": null}');
  });

  it('fails on an unknown field of the application, naming the template', () => {
    const err = templateError(() =>
      renderInputTemplate(
        '{"application_id": "{{.Application.ID}}","group": "{{.Application.Group}}"}',
        request,
      ),
    );
    expect(err.message).toBe(
      'input template: template: input:1:65: executing "input" at <.Application.Group>: can\'t evaluate field Group in type webhook.Resource',
    );
  });

  it("prints Director's timestamps as Go prints graphql.Timestamp", () => {
    expect(renderInputTemplate('"{{.Application.Status}}"', request)).toBe(
      '"{CONNECTED {500000000 63839761445 null}}"',
    );
  });

  it('fails when the output is not JSON', () => {
    expect(templateError(() => renderInputTemplate('{"a": }', request)).message).toBe(
      "input template: invalid character '}' looking for beginning of value",
    );
  });
});

describe('renderHeaderTemplate', () => {
  it('renders header names as written and their values', () => {
    expect(renderHeaderTemplate('{"user-identity":["{{.Headers.Client_user}}"]}', request)).toEqual({
      'user-identity': ['bob'],
    });
  });

  it('rejects a value that is not a list', () => {
    expect(templateError(() => renderHeaderTemplate('{"a": "b"}', request)).message).toBe(
      'header template: json: cannot unmarshal string into Go value of type []string',
    );
  });
});

describe('renderOutputTemplate', () => {
  it('renders the response mapping', () => {
    const out = renderOutputTemplate(
      '{"location":"{{.Headers.Location}}","success_status_code": 202,"incomplete_status_code": 204,"error": "{{.Body.error}}"}',
      response,
    );
    expect(out).toEqual({
      location: 'https://ext.example.com/op/1',
      success_status_code: 202,
      incomplete_status_code: 204,
      gone_status_code: null,
      error: '',
    });
  });

  it('escapes a value that would break the JSON string it is printed in (the deliberate fix)', () => {
    const out = renderOutputTemplate('{"success_status_code": 200, "error": "{{.Body.error}}"}', {
      Headers: {},
      Body: { error: 'bad "quote", "injected": "x' },
    });
    expect(out.error).toBe('bad "quote", "injected": "x');
  });

  it('leaves a value that is already valid JSON string content as it is', () => {
    const out = renderOutputTemplate('{"success_status_code": 200, "error": "{{.Body.error}}"}', {
      Headers: {},
      Body: { error: 'line\\nbreak \\u00e9' },
    });
    expect(out.error).toBe('line\nbreak é');
  });

  it.each([
    ['{"error": ""}', 'output template: missing Output Template success status code field'],
    ['{"success_status_code": 200}', 'output template: missing Output Template error field'],
    [
      '{"success_status_code": "200", "error": ""}',
      'output template: json: cannot unmarshal string into Go struct field Response.success_status_code of type int',
    ],
    [
      '{"success_status_code": 200.5, "error": ""}',
      'output template: json: cannot unmarshal number 200.5 into Go struct field Response.success_status_code of type int',
    ],
  ])('rejects %j', (template, message) => {
    expect(templateError(() => renderOutputTemplate(template, response)).message).toBe(message);
  });
});

describe('renderStatusTemplate', () => {
  const ok =
    '{ "status": "{{.Body.status}}", "success_status_code": 200, "success_status_identifier": "SUCCEEDED", "in_progress_status_identifier": "IN_PROGRESS", "failed_status_identifier": "FAILED", "error": "{{.Body.error}}" }';

  it('renders all six keys', () => {
    expect(renderStatusTemplate(ok, response)).toEqual({
      status: 'IN_PROGRESS',
      success_status_code: 200,
      success_status_identifier: 'SUCCEEDED',
      in_progress_status_identifier: 'IN_PROGRESS',
      failed_status_identifier: 'FAILED',
      error: '',
    });
  });

  it('requires success_status_code', () => {
    const template =
      '{"status":"{{.Body.status}}","success_status_identifier":"SUCCEEDED","in_progress_status_identifier":"IN_PROGRESS","failed_status_identifier":"FAILED","error": "{{.Body.error}}"}';
    expect(templateError(() => renderStatusTemplate(template, response)).message).toBe(
      'status template: missing Status Template success status code field',
    );
  });

  it('renders a missing body key as the empty string', () => {
    expect(renderStatusTemplate(ok, { Headers: {}, Body: {} }).status).toBe('');
  });
});

describe('canonicalHeaderKey', () => {
  it.each([
    ['client_user', 'Client_user'],
    ['x-request-id', 'X-Request-Id'],
    ['CONTENT-TYPE', 'Content-Type'],
    ['has space', 'has space'],
  ])('turns %j into %j', (name, expected) => {
    expect(canonicalHeaderKey(name)).toBe(expected);
  });
});
