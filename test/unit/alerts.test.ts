import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.js';

/**
 * deploy/prometheus/alerts.yml is written in a small YAML subset (block maps and lists, plain or
 * double-quoted scalars, `>-` folded scalars, `#` comment lines), parsed here so the repository needs no
 * YAML dependency. Anything outside the subset fails the parse loudly rather than being misread.
 */
type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  no: number;
}

function parseYamlSubset(source: string): Yaml {
  const lines: Line[] = source
    .split('\n')
    .map((raw, i) => ({ indent: raw.search(/\S/), text: raw.trim(), no: i + 1 }))
    .filter((l) => l.indent >= 0 && !l.text.startsWith('#'));
  let pos = 0;

  const fail = (line: Line | undefined, why: string): never => {
    throw new Error(`alerts.yml line ${line?.no ?? 'EOF'}: ${why}`);
  };

  const scalar = (text: string, line: Line): string => {
    if (text.startsWith('"')) {
      if (!text.endsWith('"') || text.length < 2) fail(line, 'unterminated quoted string');
      return JSON.parse(text) as string;
    }
    if (/^['&*!|>[{]/.test(text)) fail(line, `unsupported scalar ${text}`);
    return text;
  };

  /** A `>-` block: the following more-indented lines, folded into one line. */
  const folded = (parentIndent: number): string => {
    const parts: string[] = [];
    while (pos < lines.length && (lines[pos] as Line).indent > parentIndent)
      parts.push((lines[pos++] as Line).text);
    return parts.join(' ');
  };

  const value = (rest: string, line: Line, indent: number): Yaml => {
    if (rest === '') return block(indent + 1);
    if (rest === '>-') return folded(indent);
    return scalar(rest, line);
  };

  /** Entries of a map starting at `pos`, all at exactly `indent`; `first` is an entry already on a dash line. */
  const mapping = (indent: number, first?: { text: string; line: Line }): Yaml => {
    const map: { [key: string]: Yaml } = {};
    const entry = (text: string, line: Line) => {
      const m = text.match(/^([A-Za-z_][\w-]*):(?:\s+(.*))?$/);
      if (!m?.[1]) return fail(line, `expected "key: value", got ${text}`);
      if (m[1] in map) fail(line, `duplicate key ${m[1]}`);
      map[m[1]] = value(m[2] ?? '', line, indent);
    };
    if (first) entry(first.text, first.line);
    while (pos < lines.length && (lines[pos] as Line).indent === indent) {
      const line = lines[pos++] as Line;
      if (line.text.startsWith('- ')) fail(line, 'list item where a key was expected');
      entry(line.text, line);
    }
    return map;
  };

  const sequence = (indent: number): Yaml => {
    const items: Yaml[] = [];
    while (
      pos < lines.length &&
      (lines[pos] as Line).indent === indent &&
      (lines[pos] as Line).text.startsWith('- ')
    ) {
      const line = lines[pos++] as Line;
      const rest = line.text.slice(2).trim();
      items.push(
        /^[A-Za-z_][\w-]*:/.test(rest) ? mapping(indent + 2, { text: rest, line }) : scalar(rest, line),
      );
    }
    return items;
  };

  /** The block starting at `pos`, which must be indented at least `minIndent`. */
  const block = (minIndent: number): Yaml => {
    const line = lines[pos];
    if (!line || line.indent < minIndent) return fail(line, 'expected a nested block');
    return line.text.startsWith('- ') ? sequence(line.indent) : mapping(line.indent);
  };

  const doc = block(0);
  if (pos < lines.length) fail(lines[pos], 'unexpected indentation');
  return doc;
}

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
  annotations: { summary: string; description: string; runbook: string };
}

/** The parsed file, checked to be Prometheus' rule-file shape before it is read as such. */
function loadRules(): Rule[] {
  const doc = parseYamlSubset(readFileSync('deploy/prometheus/alerts.yml', 'utf8'));
  const isMap = (v: unknown): v is Record<string, Yaml> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(doc) || !Array.isArray(doc.groups)) throw new Error('alerts.yml: expected groups: [...]');
  return doc.groups.flatMap((group) => {
    if (!isMap(group) || !Array.isArray(group.rules)) throw new Error('alerts.yml: expected rules: [...]');
    return group.rules.map((rule) => {
      const r = isMap(rule) ? rule : {};
      const labels = isMap(r.labels) ? r.labels : {};
      const annotations = isMap(r.annotations) ? r.annotations : {};
      const text = (v: Yaml | undefined) => (typeof v === 'string' ? v : '');
      return {
        alert: text(r.alert),
        expr: text(r.expr),
        for: text(r.for),
        labels: { severity: text(labels.severity) },
        annotations: {
          summary: text(annotations.summary),
          description: text(annotations.description),
          runbook: text(annotations.runbook),
        },
      };
    });
  });
}

/** Words in PromQL that are not metric names. */
const PROMQL_WORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'rate',
  'irate',
  'increase',
  'delta',
  'absent',
  'histogram_quantile',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
]);

/** The metric names an expression reads: identifiers left after removing labels, ranges and grouping. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const words = stripped.match(/[A-Za-z_:][\w:]*/g) ?? [];
  return [...new Set(words.filter((w) => !PROMQL_WORDS.has(w)))];
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
}

describe('deploy/prometheus/alerts.yml', () => {
  const rules = loadRules();
  const exported = new Set(
    createMetrics()
      .registry.getMetricsAsArray()
      .map((m) => m.name),
  );
  const isExported = (name: string) =>
    exported.has(name) || exported.has(name.replace(/_(?:bucket|sum|count)$/, ''));

  it('has the alerts users of this service expect, each complete', () => {
    expect(rules.map((r) => r.alert)).toEqual([
      'OpctlJobsNotProcessed',
      'OpctlOldestWaitingJobTooOld',
      'OpctlOperationOverdue',
      'OpctlFinalizeFailing',
      'OpctlHighFailureRatio',
      'OpctlPollsLate',
      'OpctlRedisDown',
    ]);
    for (const rule of rules) {
      expect(rule.expr.length, rule.alert).toBeGreaterThan(0);
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(10);
    }
  });

  it('reads only metrics that createMetrics() exports', () => {
    for (const rule of rules) {
      const names = metricNames(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      expect(
        names.filter((n) => !isExported(n)),
        `${rule.alert}: ${rule.expr}`,
      ).toEqual([]);
    }
  });

  it('points every alert at its own section of docs/RUNBOOK.md', () => {
    const runbook = readFileSync('docs/RUNBOOK.md', 'utf8');
    const anchors = new Set(
      runbook
        .split('\n')
        .filter((l) => /^#{2,3} /.test(l))
        .map((l) => anchor(l.replace(/^#+ /, ''))),
    );
    for (const rule of rules) {
      const [file, section] = rule.annotations.runbook.split('#');
      expect(file, rule.alert).toBe('docs/RUNBOOK.md');
      expect(section, rule.alert).toBe(anchor(rule.alert));
      expect(anchors.has(section ?? ''), `${rule.alert}: no heading for #${section}`).toBe(true);
    }
  });

  it('finds metric names in expressions and ignores labels, ranges and grouping', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le) (rate(x_bucket{a="b c"}[5m]))) > 1 and on(job) up == 0',
      ),
    ).toEqual(['x_bucket', 'up']);
  });
});

describe('docs/METRICS.md', () => {
  it('documents every metric createMetrics() declares (process defaults aside)', () => {
    const doc = readFileSync('docs/METRICS.md', 'utf8');
    const ours = createMetrics()
      .registry.getMetricsAsArray()
      .map((m) => m.name)
      .filter((n) => !/^opctl_(process_|nodejs_)/.test(n));
    expect(ours.length).toBeGreaterThan(15);
    expect(ours.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });
});

describe('the YAML subset parser', () => {
  it('parses nested maps, lists, quoted and folded scalars, and refuses what it does not know', () => {
    expect(
      parseYamlSubset('# c\na:\n  - b: "x: y"\n    c: >-\n      one\n      two\n  - plain\nd: e\n'),
    ).toEqual({ a: [{ b: 'x: y', c: 'one two' }, 'plain'], d: 'e' });
    expect(() => parseYamlSubset('a: |\n  x\n')).toThrow(/unsupported scalar/);
    expect(() => parseYamlSubset('a: 1\na: 2\n')).toThrow(/duplicate key/);
  });
});
