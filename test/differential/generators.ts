import fc from 'fast-check';

/**
 * fast-check arbitraries for random templates and data. Templates are drawn from the whole language
 * (including malformed actions) over a small set of names, so that field chains hit real data.
 */

const KEYS = ['a', 'b', 'c', 'k', 'x', 'list', 'm', 'Name'];

const key = fc.constantFrom(...KEYS);

/** Strings with the characters that matter: quotes, backslashes, controls, non-ASCII. */
export const text = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    ' ',
    '"',
    "'",
    '\\',
    '\n',
    '\t',
    'é',
    '€',
    '😀',
    '<',
    '&',
    '{',
    '}',
    '%',
    ',',
    ':',
    '\u0001',
  ),
  maxLength: 8,
});

const jsonLeaf = fc.oneof(
  text,
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, 1, -0.5, 1.5, 1e21, 1e-7, 123456789, 0.1, 2 ** 53 + 2, -1e300, 100000),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

export const jsonData: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

export const genericData = fc.dictionary(key, jsonData, { maxKeys: 8 });

const field = fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ks.map((k) => `.${k}`).join(''));
const variable = fc.constantFrom('$', '$x', '$.a', '$.list', '$i', '$v');
const literal = fc.oneof(
  text.map((s) => JSON.stringify(s)),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom('1.5', '0x10', "'a'", 'true', 'false', 'nil', '1e3', '`raw`', '"a"', '"k"', '0', '2'),
);
const FUNCS = [
  'len',
  'index',
  'print',
  'println',
  'printf',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'and',
  'or',
  'not',
  'html',
  'js',
  'urlquery',
  'slice',
  'default',
  'empty',
  'coalesce',
  'ternary',
  'quote',
  'squote',
  'cat',
  'upper',
  'lower',
  'trim',
  'trimAll',
  'trimPrefix',
  'trimSuffix',
  'replace',
  'nospace',
  'b64enc',
  'b64dec',
  'hasPrefix',
  'hasSuffix',
  'repeat',
  'trunc',
  'indent',
  'nindent',
  'toJson',
  'join',
  'splitList',
  'mkslice',
  'Join',
  'stringify',
  'contains',
  'toString',
];
const PRINTF_FORMATS = [
  '"%v"',
  '"%s"',
  '"%d"',
  '"%q"',
  '"%v %v"',
  '"%5.2f"',
  '"%x"',
  '"%-4v|"',
  '"%t"',
  '"%e"',
  '"%g"',
  '"%+v"',
];

export const pipeline: fc.Arbitrary<string> = fc.letrec((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small' },
    field,
    variable,
    literal,
    fc.constant('.'),
    tie('pipe').map((p) => `(${p})`),
    fc.tuple(tie('pipe'), field).map(([p, f]) => `(${p})${f}`),
  ),
  command: fc.oneof(
    tie('operand'),
    fc
      .tuple(fc.constantFrom(...FUNCS), fc.array(tie('operand'), { maxLength: 3 }))
      .map(([f, args]) => [f, ...args].join(' ')),
    fc
      .tuple(fc.constantFrom(...PRINTF_FORMATS), fc.array(tie('operand'), { maxLength: 2 }))
      .map(([f, args]) => ['printf', f, ...args].join(' ')),
  ),
  pipe: fc.array(tie('command'), { minLength: 1, maxLength: 3 }).map((cmds) => cmds.join(' | ')),
})).pipe;

const open = fc.constantFrom('{{', '{{- ', '{{ ');
const close = fc.constantFrom('}}', ' -}}', ' }}');
const plain = fc.constantFrom('', ' ', 'x', '"', '{"k": "', '", ', '\n', '  ', '}', ':');

export const template: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plain,
    fc.tuple(open, pipeline, close).map(([o, p, c]) => `${o}${p}${c}`),
    fc
      .tuple(open, fc.constantFrom('$x := ', '$x = ', '$y := '), pipeline, close)
      .map(([o, d, p, c]) => `${o}${d}${p}${c}`),
    fc
      .tuple(pipeline, tie('list'), fc.option(tie('list')))
      .map(([p, a, b]) => `{{if ${p}}}${a}${b === null ? '' : `{{else}}${b}`}{{end}}`),
    fc
      .tuple(pipeline, pipeline, tie('list'), tie('list'))
      .map(([p, q, a, b]) => `{{if ${p}}}${a}{{else if ${q}}}${b}{{end}}`),
    fc
      .tuple(pipeline, tie('list'), fc.option(tie('list')))
      .map(([p, a, b]) => `{{with ${p}}}${a}${b === null ? '' : `{{else}}${b}`}{{end}}`),
    fc
      .tuple(
        fc.constantFrom('', '$v := ', '$i, $v := '),
        pipeline,
        tie('list'),
        fc.constantFrom('', '{{break}}', '{{continue}}', '{{if $v}}{{break}}{{end}}'),
        fc.option(tie('list')),
      )
      .map(([d, p, a, ctl, b]) => `{{range ${d}${p}}}${a}${ctl}${b === null ? '' : `{{else}}${b}`}{{end}}`),
    fc.tuple(tie('list'), pipeline).map(([body, p]) => `{{define "t"}}${body}{{end}}{{template "t" ${p}}}`),
    fc.tuple(pipeline, tie('list')).map(([p, body]) => `{{block "b" ${p}}}${body}{{end}}`),
    fc.constantFrom('{{/* c */}}', '{{- /* c */ -}}', '{{', '}}', '{{end}}', '{{.a', '{{else}}', '{{$nope}}'),
  ),
  list: fc.array(tie('node'), { maxLength: 3 }).map((nodes) => nodes.join('')),
})).list;

const optString = fc.option(text, { nil: null });
const timestamp = fc.option(
  fc
    .date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  { nil: null },
);

export const requestData = fc.record({
  Application: fc.record({
    id: text,
    name: text,
    providerName: optString,
    description: optString,
    status: fc.option(fc.record({ condition: fc.constantFrom('INITIAL', 'CONNECTED', 'bogus'), timestamp }), {
      nil: null,
    }),
    baseUrl: optString,
    ready: fc.boolean(),
    createdAt: timestamp,
    error: optString,
  }),
  TenantID: text,
  Headers: fc.dictionary(fc.constantFrom('Client_user', 'X-Request-Id', 'Location'), text, { maxKeys: 3 }),
});

export const responseData = fc.record({
  Headers: fc.dictionary(fc.constantFrom('Location', 'Content-Type'), text, { maxKeys: 2 }),
  Body: fc.dictionary(fc.constantFrom('status', 'error', 'count'), text, { maxKeys: 3 }),
});

const requestField = fc.constantFrom(
  '.Application.ID',
  '.Application.Name',
  '.Application.Description',
  '.Application.ProviderName',
  '.Application.Status',
  '.Application.Status.Condition',
  '.Application.CreatedAt',
  '.Application.Ready',
  '.Application.Error',
  '.Application.BaseURL',
  '.TenantID',
  '.Headers',
  '.Headers.Client_user',
  '.Headers.Location',
  '.Application.Group',
  '.Application.GetID',
);
const responseField = fc.constantFrom(
  '.Body',
  '.Headers',
  '.Body.status',
  '.Body.error',
  '.Body.count',
  '.Headers.Location',
  '.Body.nope',
);

const typedTemplate = (f: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.oneof(
        plain,
        f.map((x) => `{{${x}}}`),
        fc
          .tuple(f, fc.constantFrom('len', 'quote', 'upper', 'print', 'html', 'toJson', 'stringify', 'js'))
          .map(([x, fn]) => `{{${x} | ${fn}}}`),
        fc.tuple(f, f).map(([x, y]) => `{{if ${x}}}{{${y}}}{{else}}-{{end}}`),
        fc.tuple(f, f).map(([x, y]) => `{{with ${x}}}{{.}}{{${y}}}{{end}}`),
        fc.tuple(f, f).map(([x, y]) => `{{eq ${x} ${y}}}`),
      ),
      { maxLength: 5 },
    )
    .map((parts) => parts.join(''));

export const requestTemplate = typedTemplate(requestField);
export const responseTemplate = typedTemplate(responseField);
