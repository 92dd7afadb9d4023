import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `opctl template render`, run as operators run it: a separate process. */

const CLI = resolve(import.meta.dirname, '../../../src/cli/opctl.ts');
const TSX = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
let dir: string;

function opctl(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(TSX, [CLI, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opctl-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opctl template render', () => {
  it('prints the rendered text of a generic template', () => {
    const r = opctl(
      'template',
      'render',
      '--template',
      file('g.tmpl', 'Hello {{.name}}!'),
      '--data',
      file('g.json', '{"name":"ops"}'),
    );
    expect(r).toMatchObject({ status: 0, stdout: 'Hello ops!' });
  });

  it('prints the validated result of a status template as JSON', () => {
    const template = file(
      's.tmpl',
      '{"status":"{{.Body.status}}","success_status_code":200,"success_status_identifier":"SUCCEEDED","in_progress_status_identifier":"IN_PROGRESS","failed_status_identifier":"FAILED","error":"{{.Body.error}}"}',
    );
    const data = file('s.json', '{"Headers":{},"Body":{"status":"SUCCEEDED","error":null}}');
    const r = opctl('template', 'render', '--template', template, '--data', data, '--kind', 'status');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'SUCCEEDED', success_status_code: 200, error: '' });
  });

  it('renders a url template over a request object', () => {
    const template = file(
      'u.tmpl',
      '{"method":"DELETE","path":"https://x.example.com/apps/{{.Application.ID}}"}',
    );
    const data = file('u.json', '{"Application":{"id":"a1","name":"n"},"TenantID":"t"}');
    const r = opctl('template', 'render', '--template', template, '--data', data, '--kind', 'url');
    expect(JSON.parse(r.stdout)).toEqual({ method: 'DELETE', path: 'https://x.example.com/apps/a1' });
  });

  it('prints the error to stderr and exits 1', () => {
    const template = file('bad.tmpl', '{"a": "{{.Application.Group}}"}');
    const data = file('bad.json', '{"Application":{"id":"a1","name":"n"},"TenantID":"t"}');
    const r = opctl('template', 'render', '--template', template, '--data', data, '--kind', 'input');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'input template: template: input:1:21: executing "input" at <.Application.Group>: can\'t evaluate field Group',
    );
  });
});
