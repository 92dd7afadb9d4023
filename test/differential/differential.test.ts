import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus } from './corpus.js';
import * as gen from './generators.js';
import { buildGoRenderer, type GoCase, type GoResult, hasGo, renderWithGo } from './go-renderer.js';
import { escapingChanges, renderWithEngine } from './run-engine.js';

/**
 * Renders a corpus of templates and data with Go's own text/template (test/go/render) and with the
 * TypeScript engine, and requires byte-identical output or the same error message. CI sets
 * REQUIRE_GO=1 so that a missing Go toolchain fails the run instead of skipping it.
 */

const GENERATED_GENERIC = 4000;
const GENERATED_REQUEST = 1000;
const GENERATED_RESPONSE = 1000;

const goAvailable = hasGo();
if (!goAvailable && process.env.REQUIRE_GO === '1') {
  throw new Error('REQUIRE_GO=1 but no `go` toolchain is on PATH: the differential template suite must run');
}
if (!goAvailable) {
  process.stdout.write(
    'differential template suite skipped: `go` is not installed (CI installs golang-go)\n',
  );
}

// Go prints a real memory address for pointers nested in a value; no other renderer can reproduce one.
const maskAddresses = (s: string): string => s.replace(/0xc[0-9a-f]{6,}/g, '0xADDR');

function buildCases(): GoCase[] {
  const cases: Omit<GoCase, 'id'>[] = [...corpus()];
  for (const [template, data] of fc.sample(fc.tuple(gen.template, gen.genericData), {
    numRuns: GENERATED_GENERIC,
    seed: 20240301,
  })) {
    cases.push({ mode: 'generic', name: 'output', template, data });
  }
  for (const [template, data] of fc.sample(fc.tuple(gen.requestTemplate, gen.requestData), {
    numRuns: GENERATED_REQUEST,
    seed: 7,
  })) {
    cases.push({ mode: 'request', name: 'input', template, data });
  }
  for (const [template, data] of fc.sample(fc.tuple(gen.responseTemplate, gen.responseData), {
    numRuns: GENERATED_RESPONSE,
    seed: 11,
  })) {
    cases.push({ mode: 'response', name: 'output', template, data });
  }
  return cases.map((c, id) => ({ ...c, id }));
}

describe.skipIf(!goAvailable)('the template engine against Go text/template', () => {
  let go: { binary: string; cleanup: () => void };
  beforeAll(() => {
    go = buildGoRenderer();
  }, 120_000);
  afterAll(() => go?.cleanup());

  it('renders every template and data set byte for byte as Go does, or fails with the same message', () => {
    const cases = buildCases();
    const results = renderWithGo(go.binary, cases);
    const differing: { c: GoCase; go: GoResult; ts: GoResult }[] = [];
    for (const c of cases) {
      const goResult = results.get(c.id);
      if (!goResult) throw new Error(`no Go result for case ${c.id}`);
      const ts = renderWithEngine(c);
      const same =
        goResult.ok === ts.ok &&
        maskAddresses(goResult.out) === maskAddresses(ts.out) &&
        maskAddresses(goResult.err) === maskAddresses(ts.err);
      if (!same) differing.push({ c, go: goResult, ts });
    }
    const templates = new Set(cases.map((c) => c.template)).size;
    const dataSets = new Set(cases.map((c) => JSON.stringify(c.data))).size;
    const failures = cases.filter((c) => !results.get(c.id)?.ok).length;
    const escaped = cases.filter((c) => c.mode !== 'generic' && escapingChanges(c)).length;
    process.stdout.write(
      `differential: ${cases.length} cases (${templates} distinct templates, ${dataSets} distinct data sets, ` +
        `${failures} of them failing in Go) compared with Go's text/template: ${differing.length} differed; ` +
        `the JSON-escaping fix would change ${escaped} typed renders\n`,
    );
    const show = differing.slice(0, 5).map(({ c, go: g, ts }) => ({
      template: c.template,
      data: c.data,
      go: g.ok ? Buffer.from(g.out, 'latin1').toString() : g.err,
      ts: ts.ok ? Buffer.from(ts.out, 'latin1').toString() : ts.err,
    }));
    expect(show).toEqual([]);
  }, 120_000);
});
