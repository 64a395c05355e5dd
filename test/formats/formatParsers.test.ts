import { describe, expect, it } from 'vitest';
import {
  FormatError,
  parseExposition,
  parseJunit,
  parseMarkdownTables,
  parseNagios,
  parsePerfData,
  parseWorkflowCommands,
  tlsTables,
} from './formatParsers.js';

// The format tests trust these parsers to reject what the consuming systems reject; each rule is
// shown to bite at least once.
describe('parseWorkflowCommands', () => {
  it('reads properties and unescapes as the Actions runner does', () => {
    const [command] = parseWorkflowCommands('::error title=a%3Ab%2Cc %25::line1%0Aline2 %3A stays\n');
    expect(command).toEqual({
      command: 'error',
      properties: { title: 'a:b,c %' },
      message: 'line1\nline2 %3A stays',
    });
  });

  it.each([
    ['a plain line', 'hello\n'],
    ['an unknown command', '::set-output name=x::y\n'],
    ['a raw comma in a property', '::error title=a,b::m\n'],
    ['a raw colon in a property', '::error title=a:b::m\n'],
    ['a command without its end', '::error title=x\n'],
  ])('rejects %s', (_title, text) => {
    expect(() => parseWorkflowCommands(text)).toThrow(FormatError);
  });
});

describe('parseNagios', () => {
  it('reads status, perfdata with quoted labels, and long text', () => {
    const out = parseNagios("FTP WARNING - slow | 'a b'=1.5s;1;2;0; 'it''s'=3;;;; c=4%\nline two\n");
    expect(out.state).toBe('WARNING');
    expect(out.text).toBe('slow');
    expect(out.perfdata.map((p) => [p.label, p.value, p.unit, p.warn, p.crit])).toEqual([
      ['a b', 1.5, 's', '1', '2'],
      ["it's", 3, '', '', ''],
      ['c', 4, '%', '', ''],
    ]);
    expect(out.longText).toEqual(['line two']);
  });

  it.each([
    ['no state', 'FTP - fine\n'],
    ['a lower-case state', 'FTP ok - fine\n'],
    ['a pipe in long text', 'FTP OK - fine\nx | y\n'],
    ['no final newline', 'FTP OK - fine'],
  ])('rejects %s', (_title, text) => {
    expect(() => parseNagios(text)).toThrow(FormatError);
  });

  it.each([
    ['an unquoted label with a space', 'a b=1'],
    ['an unknown unit', 'a=1sec'],
    ['a value that is not a number', 'a=x'],
    ['a bad range', 'a=1;abc'],
    ['six fields', 'a=1;;;;;'],
  ])('perfdata rejects %s', (_title, text) => {
    expect(() => parsePerfData(text)).toThrow(FormatError);
  });
});

describe('parseExposition', () => {
  const head = '# HELP m help\n# TYPE m gauge\n';
  it('reads families, labels and escapes', () => {
    const [family] = parseExposition(`${head}m{a="x\\"y\\\\z\\n"} 1.5\nm{a="2"} +Inf\n`);
    expect(family!.samples.map((s) => [s.labels.a, s.value])).toEqual([
      ['x"y\\z\n', 1.5],
      ['2', Number.POSITIVE_INFINITY],
    ]);
  });

  it.each([
    ['a timestamp', `${head}m 1 1700000000000\n`],
    ['a duplicate series', `${head}m{a="1"} 1\nm{a="1"} 2\n`],
    ['an undefined escape', `${head}m{a="\\t"} 1\n`],
    ['a sample without HELP/TYPE', 'm 1\n'],
    ['HELP after the samples', `${head}m 1\n# HELP m again\n`],
    ['a family split in two', `${head}m{a="1"} 1\n# HELP n h\n# TYPE n gauge\nn 1\nm{a="2"} 1\n`],
    ['no final newline', `${head}m 1`],
  ])('rejects %s', (_title, text) => {
    expect(() => parseExposition(text)).toThrow(FormatError);
  });
});

describe('parseJunit', () => {
  const suite = (tests: number) =>
    `<testsuites tests="${tests}" failures="0" errors="0" skipped="0"><testsuite name="s" tests="${tests}" failures="0" errors="0" skipped="0" time="0.1" timestamp="2026-01-01T00:00:00"><testcase classname="c" name="n" time="0.001"/></testsuite></testsuites>`;

  it('reads a consistent document', () => {
    expect(parseJunit(suite(1)).suites[0]!.cases[0]!.name).toBe('n');
  });

  it('rejects counts that do not match the children, and invalid XML', () => {
    expect(() => parseJunit(suite(2))).toThrow(FormatError);
    expect(() => parseJunit('<testsuites><testsuite></testsuites>')).toThrow(FormatError);
  });
});

describe('parseMarkdownTables', () => {
  it('reads cells as text: escapes, entities, <br> and escaped pipes', () => {
    const md =
      'intro\n\n| TLS | |\n|---|---:|\n| Subject | CN=a\\|b &lt;x&gt; \\[y\\] |\n| Names | a<br>b |\n\nafter\n';
    expect(parseMarkdownTables(md)).toEqual([
      {
        header: ['TLS', ''],
        rows: [
          ['Subject', 'CN=a|b <x> [y]'],
          ['Names', 'a\nb'],
        ],
      },
    ]);
    expect(tlsTables(md)).toEqual([{ Subject: 'CN=a|b <x> [y]', Names: 'a\nb' }]);
  });

  it('skips fenced code blocks', () => {
    expect(parseMarkdownTables('````\n| a |\n```\n| b |\n````\n')).toEqual([]);
  });

  it.each([
    ['a row with a leaked pipe', '| a | b |\n|---|---|\n| x | y | z |\n'],
    ['a header without a delimiter row', '| a | b |\n| x | y |\n'],
    ['a link', '| a |\n|---|\n| [x](https://evil.example) |\n'],
    ['emphasis', '| a |\n|---|\n| *x* |\n'],
    ['a raw tag', '| a |\n|---|\n| <img src=x> |\n'],
    ['a bare ampersand', '| a |\n|---|\n| a & b |\n'],
  ])('rejects %s', (_title, text) => {
    expect(() => parseMarkdownTables(text)).toThrow(FormatError);
  });
});
