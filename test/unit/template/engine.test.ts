import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../src/webhooks/template/index.js';

/** The language, construct by construct, with the outputs and messages Go's text/template gives. */

const data = {
  a: 'text',
  n: 42,
  z: 0,
  big: 1e21,
  f: 123456789,
  list: ['x', 'y', 'z'],
  m: { k2: 'v2', k1: 'v1' },
  nested: { c: 1.5, e: null },
  s: 'héllo "q" <&>',
};

const render = (source: string, d: unknown = data): string => renderTemplate('output', source, d);
const failure = (source: string, d: unknown = data): string => {
  try {
    render(source, d);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the template to fail');
};

describe('text and actions', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{{.a}}', 'text'],
    ['a {{- " b " -}} c', 'a b c'],
    ['a {{/* comment */}} b', 'a  b'],
    ['x  {{- /* trimmed */ -}}  y', 'xy'],
    ['{{"tab\\t"}}{{`raw\\n`}}', 'tab\traw\\n'],
    ["{{1}} {{-1}} {{1.5}} {{0x1F}} {{'a'}} {{1e3}} {{1_000}}", '1 -1 1.5 31 97 1000 1000'],
  ])('renders %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });
});

describe('values print as fmt.Sprint prints them', () => {
  it.each([
    ['{{.list}}', '[x y z]'],
    ['{{.m}}', 'map[k1:v1 k2:v2]'],
    ['{{.nested}}', 'map[c:1.5 e:<nil>]'],
    ['{{.nested.e}}', '<no value>'],
    ['{{.missing}}', '<no value>'],
    ['{{print .missing}}', '<nil>'],
    ['{{.big}} {{.f}} {{.n}}', '1e+21 1.23456789e+08 42'],
    // Sprint puts spaces only between operands that are not strings.
    ['{{print 1 2 "a" "b" 3}}', '1 2ab3'],
    ['{{printf "%5.2f|%-4d|%q|%x" 3.14159 7 "a\\"b" "hi"}}', ' 3.14|7   |"a\\"b"|6869'],
    ['{{printf "%d" "x"}} {{printf "%d"}}', '%!d(string=x) %!d(MISSING)'],
  ])('prints %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });
});

describe('pipelines, variables and fields', () => {
  it.each([
    ['{{.a | printf "%s!"}}', 'text!'],
    ['{{"x" | printf "%s-%s" "y"}}', 'y-x'],
    ['{{(index .list 1)}} {{(index .m "k1") | len}}', 'y 2'],
    ['{{$x := .a}}{{$x}} {{$x = "b"}}{{$x}} {{$.n}}', 'text b 42'],
    ['{{with .nested}}{{.c}} {{$.a}}{{end}}', '1.5 text'],
  ])('renders %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('reports a field of a string with its position', () => {
    expect(failure('{{.a.b}}')).toBe(
      'template: output:1:4: executing "output" at <.a.b>: can\'t evaluate field b in type interface {}',
    );
  });
});

describe('control structures', () => {
  it.each([
    ['{{if .z}}a{{else if .n}}b{{else}}c{{end}}', 'b'],
    ['{{with .missing}}a{{else with .a}}{{.}}{{end}}', 'text'],
    ['{{range $i, $v := .list}}{{$i}}={{$v}} {{end}}', '0=x 1=y 2=z '],
    ['{{range $k, $v := .m}}{{$k}}:{{$v}};{{end}}', 'k1:v1;k2:v2;'],
    ['{{range .missing}}x{{else}}none{{end}}', 'none'],
    ['{{range .list}}{{if eq . "y"}}{{continue}}{{end}}{{.}}{{end}}', 'xz'],
    ['{{range .list}}{{if eq . "y"}}{{break}}{{end}}{{.}}{{end}}', 'x'],
    ['{{define "t"}}<{{.}}>{{end}}{{template "t" .a}}{{template "t"}}', '<text><<no value>>'],
    ['{{block "b" .n}}[{{.}}]{{end}}', '[42]'],
  ])('renders %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });
});

describe('builtin functions and Go truthiness', () => {
  it.each([
    ['{{and 1 0 2}} {{or 0 "" "x"}} {{not .z}}', '0 x true'],
    // len and index count bytes, as Go strings are UTF-8 bytes.
    ['{{len .s}} {{len .list}} {{index .s 1}}', '14 3 195'],
    ['{{eq .n 42.0}} {{eq 1 2 1}} {{ne "a" "b"}} {{lt 1 2}} {{ge "b" "a"}}', 'true true true true true'],
    ['{{html .s}}', 'héllo &#34;q&#34; &lt;&amp;&gt;'],
    ['{{js .s}}', 'héllo \\"q\\" \\u003C\\u0026\\u003E'],
    ['{{urlquery .s}}', 'h%C3%A9llo+%22q%22+%3C%26%3E'],
  ])('renders %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it.each([
    ['{{eq 1 "a"}}', 'error calling eq: incompatible types for comparison'],
    ['{{index .list 5}}', 'error calling index: index out of range: 5'],
    ['{{len 3}}', 'error calling len: len of type int'],
    ['{{printf}}', 'wrong number of args for printf: want at least 1 got 0'],
    ['{{.a .n}}', 'a is not a method but has arguments'],
    ['{{"x" .n}}', 'can\'t give argument to non-function "x"'],
    ['{{nil}}', 'nil is not a command'],
  ])("fails %j with Go's message", (source, message) => {
    expect(failure(source)).toContain(message);
  });
});

describe("Director's extra functions and sprig", () => {
  it.each([
    ['{{Join (mkslice "a" "b")}}', '"a", "b"'],
    ['{{stringify .n}} {{stringify .list}}', '42 [x y z]'],
    ['{{default "d" .missing}} {{default "d" .a}}', 'd text'],
    ['{{quote .a}} {{upper .a}} {{lower "ABC"}} {{trim "  x "}}', '"text" TEXT abc x'],
    [
      '{{replace "x" "-" "axbx"}} {{trimPrefix "te" .a}} {{b64enc "hi"}} {{b64dec "aGk="}}',
      'a-b- xt aGk= hi',
    ],
    ['{{toJson .m}} {{toJson .big}}', '{"k1":"v1","k2":"v2"} 1e+21'],
  ])('renders %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('type-checks arguments as Go does', () => {
    expect(failure('{{Join .list}}')).toContain(
      'wrong type for value; expected []string; got []interface {}',
    );
    expect(failure('{{contains .a "t"}}')).toContain(
      'wrong type for value; expected json.RawMessage; got string',
    );
  });
});

describe('parse errors', () => {
  it.each([
    ['{{.a', 'template: output:1: unclosed action'],
    ['{{foo}}', 'template: output:1: function "foo" not defined'],
    ['{{end}}', 'template: output:1: unexpected {{end}}'],
    ['{{break}}', 'template: output:1: {{break}} outside {{range}}'],
    ['{{$x}}', 'template: output:1: undefined variable "$x"'],
    ['a\n{{if .a}}', 'template: output:2: unexpected EOF'],
    ['{{"x}}', 'template: output:1: unterminated quoted string'],
  ])('rejects %j', (source, message) => {
    expect(failure(source)).toBe(message);
  });
});
