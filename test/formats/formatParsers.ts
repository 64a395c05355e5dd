import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Parsers for every machine-readable format ftp-doctor writes. Each one reads the text the way the
 * consuming system does and throws FormatError on anything that system would reject or misread,
 * so the tests check structure, never string equality.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

function fail(message: string): never {
  throw new FormatError(message);
}

// ---------------------------------------------------------------------------------------------
// JUnit XML (GitLab, Jenkins, GitHub test-report actions)

export interface JunitFailure {
  readonly message: string;
  readonly type: string;
  readonly body: string;
}

export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly time: number;
  readonly failure: JunitFailure | null;
  /** The run itself was cut in this case (a signal or --deadline), not a failure of the server. */
  readonly error: JunitFailure | null;
  readonly skipped: string | null;
  readonly systemOut: string | null;
}

export interface JunitSuite {
  readonly name: string;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly time: number;
  readonly timestamp: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly cases: readonly JunitCase[];
}

export interface JunitReport {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly suites: readonly JunitSuite[];
}

type XmlNode = Record<string, unknown>;

function attribute(node: XmlNode, name: string, where: string): string {
  const value = node[`@_${name}`];
  if (typeof value !== 'string') fail(`${where}: attribute ${name} is missing`);
  return value;
}

/** decimal: JUnit consumers parse counts as integers and times as non-negative decimals. */
function integer(node: XmlNode, name: string, where: string): number {
  const text = attribute(node, name, where);
  if (!/^\d+$/.test(text)) fail(`${where}: ${name}="${text}" is not a non-negative integer`);
  return Number(text);
}

function seconds(node: XmlNode, name: string, where: string): number {
  const text = attribute(node, name, where);
  if (!/^\d+(\.\d+)?$/.test(text)) fail(`${where}: ${name}="${text}" is not a time in seconds`);
  return Number(text);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String((value as XmlNode)['#text']);
  return '';
}

/**
 * parseJunit validates the document with fast-xml-parser's XMLValidator, reads it with XMLParser,
 * and checks what JUnit consumers rely on: a `<testsuites>` root, the attributes each element
 * needs, counts that match the children (per suite and in total), and unique case names per suite.
 */
export function parseJunit(xml: string): JunitReport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fail(`invalid XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  const document = parser.parse(xml) as XmlNode;
  const root = document.testsuites as XmlNode | undefined;
  if (!root) fail('the root element is not <testsuites>');
  const suites = ((root.testsuite as XmlNode[] | undefined) ?? []).map((suite, index) =>
    junitSuite(suite, `testsuite[${index}]`),
  );
  const report: JunitReport = {
    tests: integer(root, 'tests', 'testsuites'),
    failures: integer(root, 'failures', 'testsuites'),
    errors: integer(root, 'errors', 'testsuites'),
    skipped: integer(root, 'skipped', 'testsuites'),
    suites,
  };
  for (const key of ['tests', 'failures', 'errors', 'skipped'] as const) {
    const sum = suites.reduce((total, suite) => total + suite[key], 0);
    if (report[key] !== sum) fail(`testsuites ${key}=${report[key]} but the suites add up to ${sum}`);
  }
  return report;
}

function junitSuite(node: XmlNode, where: string): JunitSuite {
  const cases = ((node.testcase as XmlNode[] | undefined) ?? []).map((testCase, index) =>
    junitCase(testCase, `${where}.testcase[${index}]`),
  );
  const properties: Record<string, string> = {};
  const propertyNodes = ((node.properties as XmlNode | undefined)?.property as XmlNode[] | undefined) ?? [];
  for (const property of propertyNodes) {
    properties[attribute(property, 'name', `${where} property`)] = attribute(
      property,
      'value',
      `${where} property`,
    );
  }
  const suite: JunitSuite = {
    name: attribute(node, 'name', where),
    tests: integer(node, 'tests', where),
    failures: integer(node, 'failures', where),
    errors: integer(node, 'errors', where),
    skipped: integer(node, 'skipped', where),
    time: seconds(node, 'time', where),
    timestamp: attribute(node, 'timestamp', where),
    properties,
    cases,
  };
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(suite.timestamp))
    fail(`${where}: timestamp "${suite.timestamp}" is not the JUnit XSD's zone-less form`);
  if (suite.tests !== cases.length) fail(`${where}: tests=${suite.tests} but ${cases.length} testcases`);
  const failed = cases.filter((c) => c.failure !== null).length;
  if (suite.failures !== failed) fail(`${where}: failures=${suite.failures} but ${failed} failed cases`);
  const errored = cases.filter((c) => c.error !== null).length;
  if (suite.errors !== errored) fail(`${where}: errors=${suite.errors} but ${errored} cases with an error`);
  const skipped = cases.filter((c) => c.skipped !== null).length;
  if (suite.skipped !== skipped) fail(`${where}: skipped=${suite.skipped} but ${skipped} skipped cases`);
  const names = cases.map((c) => `${c.classname}/${c.name}`);
  if (new Set(names).size !== names.length) fail(`${where}: two testcases share a classname and name`);
  return suite;
}

function junitCase(node: XmlNode, where: string): JunitCase {
  const failureNode = node.failure as XmlNode | undefined;
  const skippedNode = node.skipped as XmlNode | undefined;
  if (failureNode !== undefined && skippedNode !== undefined) fail(`${where}: both failed and skipped`);
  const errorNode = node.error as XmlNode | undefined;
  if (errorNode !== undefined && skippedNode !== undefined) fail(`${where}: both an error and skipped`);
  return {
    classname: attribute(node, 'classname', where),
    name: attribute(node, 'name', where),
    time: seconds(node, 'time', where),
    failure:
      failureNode === undefined
        ? null
        : {
            message: attribute(failureNode, 'message', `${where} failure`),
            type: attribute(failureNode, 'type', `${where} failure`),
            body: textOf(failureNode),
          },
    error:
      errorNode === undefined
        ? null
        : {
            message: attribute(errorNode, 'message', `${where} error`),
            type: attribute(errorNode, 'type', `${where} error`),
            body: textOf(errorNode),
          },
    skipped: skippedNode === undefined ? null : attribute(skippedNode, 'message', `${where} skipped`),
    systemOut: node['system-out'] === undefined ? null : textOf(node['system-out']),
  };
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions workflow commands

export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

/** The runner's unescaping: data knows %0D %0A %25; property values also %3A and %2C. */
function unescapeData(value: string): string {
  return value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

function unescapeProperty(value: string): string {
  return value
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%');
}

const KNOWN_COMMANDS = new Set(['error', 'warning', 'notice', 'debug', 'group', 'endgroup']);
const ANNOTATION_PROPERTIES = new Set(['title', 'file', 'line', 'endLine', 'col', 'endColumn']);

/**
 * parseWorkflowCommands reads stdout the way the Actions runner does: a line that starts with
 * `::` is `::command key=value,key=value::message`, the command ending at the first `::` after the
 * prefix. Strict: every non-empty line must be a known command, a property value may not hold a
 * raw `:` or `,` (the runner would cut it there), and no message may hold a raw CR or LF.
 */
export function parseWorkflowCommands(text: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const where = `line ${index + 1}`;
    if (!line.startsWith('::')) fail(`${where} is not a workflow command: ${line.slice(0, 80)}`);
    const end = line.indexOf('::', 2);
    if (end < 0) fail(`${where}: no "::" ends the command`);
    const info = line.slice(2, end);
    const space = info.indexOf(' ');
    const command = space < 0 ? info : info.slice(0, space);
    if (!KNOWN_COMMANDS.has(command)) fail(`${where}: unknown command "${command}"`);
    const properties: Record<string, string> = {};
    if (space >= 0) {
      for (const pair of info.slice(space + 1).split(',')) {
        if (pair === '') continue;
        const equals = pair.indexOf('=');
        if (equals <= 0) fail(`${where}: property "${pair}" has no name=value`);
        const key = pair.slice(0, equals);
        if (!ANNOTATION_PROPERTIES.has(key)) fail(`${where}: unknown property "${key}"`);
        const raw = pair.slice(equals + 1);
        if (/[:,]/.test(raw)) fail(`${where}: property ${key} holds a raw ":" or ","`);
        properties[key] = unescapeProperty(raw);
      }
    }
    if (line.includes('\r')) fail(`${where}: a raw CR would end the command early`);
    commands.push({ command, properties, message: unescapeData(line.slice(end + 2)) });
  }
  return commands;
}

// ---------------------------------------------------------------------------------------------
// GitHub step summary: GitHub-flavoured Markdown tables

export interface MarkdownTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const MARKDOWN_ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
};

/** splitRow cuts a table row at its unescaped pipes, as GFM does (`\|` stays inside the cell). */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === '\\' && i + 1 < line.length) {
      cell += char + line[i + 1]!;
      i += 1;
    } else if (char === '|') {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  // The leading and trailing pipes open and close the row; they hold no cells.
  if (cells[0]?.trim() === '') cells.shift();
  if (cells.at(-1)?.trim() === '') cells.pop();
  return cells.map((c) => c.trim());
}

/**
 * cellText reads a cell as the text a reader sees. Strict: the summary's tables carry text only,
 * so raw inline markup (emphasis, links, images, code, HTML tags other than `<br>`) is an error,
 * and so is a bare `&` that does not start an entity.
 */
function cellText(raw: string, where: string): string {
  if (/<(?!br>)[a-zA-Z/!?]/.test(raw)) fail(`${where}: raw HTML in "${raw}"`);
  let text = '';
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw[i]!;
    if (char === '\\' && /[!-/:-@[-`{-~]/.test(raw[i + 1] ?? '')) {
      text += raw[i + 1]!;
      i += 1;
    } else if (char === '&') {
      const entity = /^&(amp|lt|gt|quot);/.exec(raw.slice(i));
      if (!entity) fail(`${where}: a bare "&" in "${raw}"`);
      text += MARKDOWN_ENTITIES[entity[0]]!;
      i += entity[0].length - 1;
    } else if (raw.startsWith('<br>', i)) {
      text += '\n';
      i += 3;
    } else if (/[`[\]*_~]/.test(char)) {
      fail(`${where}: unescaped inline markup "${char}" in "${raw}"`);
    } else {
      text += char;
    }
  }
  return text;
}

/**
 * parseMarkdownTables finds every GFM table (a header row, a delimiter row of `---` cells, then
 * body rows, all starting with `|`) outside fenced code blocks and reads its cells. Strict where GitHub is lenient: a row with
 * more or fewer cells than the header means a pipe leaked or went missing, so it fails instead of
 * being padded or cut.
 */
export function parseMarkdownTables(markdown: string): MarkdownTable[] {
  const lines = markdown.split('\n');
  const tables: MarkdownTable[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    // Lines inside a fenced code block (fixes, evidence) are code, never a table.
    const run = /^(`{3,})/.exec(lines[i]!)?.[1];
    if (run !== undefined && (fence === null || run.length >= fence.length)) {
      fence = fence === null ? run : null;
      continue;
    }
    if (fence !== null) continue;
    if (!lines[i]!.startsWith('|') || !lines[i + 1]?.startsWith('|')) continue;
    const where = `line ${i + 1}`;
    const header = splitRow(lines[i]!).map((cell) => cellText(cell, where));
    const delimiter = splitRow(lines[i + 1]!);
    if (!delimiter.every((cell) => /^:?-+:?$/.test(cell)))
      fail(`${where}: no delimiter row under the header`);
    if (delimiter.length !== header.length) fail(`${where}: the delimiter row has ${delimiter.length} cells`);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('|'); j += 1) {
      const cells = splitRow(lines[j]!);
      if (cells.length !== header.length)
        fail(`line ${j + 1}: ${cells.length} cells under a header of ${header.length}`);
      rows.push(cells.map((cell) => cellText(cell, `line ${j + 1}`)));
    }
    tables.push({ header, rows });
    i = j;
  }
  return tables;
}

/** tlsTables: the summary's TLS tables (header `TLS`), each as a map from fact to value. */
export function tlsTables(markdown: string): Record<string, string>[] {
  return parseMarkdownTables(markdown)
    .filter((table) => table.header[0] === 'TLS')
    .map((table) => Object.fromEntries(table.rows.map(([name = '', value = '']) => [name, value])));
}

// ---------------------------------------------------------------------------------------------
// Nagios / monitoring-plugins output

export type NagiosStateName = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

export interface PerfDatum {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly warn: string;
  readonly crit: string;
  readonly min: string;
  readonly max: string;
}

export interface NagiosOutput {
  readonly service: string;
  readonly state: NagiosStateName;
  readonly text: string;
  readonly perfdata: readonly PerfDatum[];
  readonly longText: readonly string[];
}

const UNITS = new Set(['', 's', 'ms', 'us', '%', 'B', 'KB', 'MB', 'GB', 'TB', 'c']);
const NUMBER = /^-?\d+(\.\d+)?$/;
/** A threshold range of the guidelines: `[@]start:end`, where either side may be empty or `~`. */
const RANGE = /^(@?(~|-?\d+(\.\d+)?)?:)?(-?\d+(\.\d+)?)?$/;

/**
 * parsePerfData splits performance data as the monitoring-plugins guidelines define it:
 * space-separated `'label'=value[UOM];[warn];[crit];[min];[max]`, a label in single quotes when
 * it holds spaces (a quote inside doubled as `''`).
 */
export function parsePerfData(text: string): PerfDatum[] {
  const data: PerfDatum[] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at] === ' ') {
      at += 1;
      continue;
    }
    let label = '';
    if (text[at] === "'") {
      at += 1;
      for (;;) {
        if (at >= text.length) fail('perfdata: a quoted label never ends');
        if (text[at] === "'" && text[at + 1] === "'") {
          label += "'";
          at += 2;
        } else if (text[at] === "'") {
          at += 1;
          break;
        } else {
          label += text[at];
          at += 1;
        }
      }
    } else {
      const equals = text.indexOf('=', at);
      if (equals < 0) fail(`perfdata: no "=" after ${text.slice(at, at + 40)}`);
      label = text.slice(at, equals);
      if (/[\s']/.test(label)) fail(`perfdata: label "${label}" needs quotes`);
      at = equals;
    }
    if (label === '' || label.includes('=')) fail(`perfdata: bad label "${label}"`);
    if (text[at] !== '=') fail(`perfdata: "=" expected after label ${label}`);
    const end = text.indexOf(' ', at);
    const item = text.slice(at + 1, end < 0 ? text.length : end);
    at = end < 0 ? text.length : end;
    const fields = item.split(';');
    if (fields.length > 5) fail(`perfdata: ${label} has more than five fields`);
    const [valueWithUnit = '', warn = '', crit = '', min = '', max = ''] = fields;
    const match = /^(-?\d+(?:\.\d+)?)([a-zA-Z%]*)$/.exec(valueWithUnit);
    if (!match) fail(`perfdata: ${label} value "${valueWithUnit}" is not a number with a unit`);
    const unit = match[2] ?? '';
    if (!UNITS.has(unit)) fail(`perfdata: ${label} has unknown unit "${unit}"`);
    for (const [name, range] of [
      ['warn', warn],
      ['crit', crit],
    ] as const)
      if (!RANGE.test(range)) fail(`perfdata: ${label} ${name} "${range}" is not a range`);
    for (const [name, bound] of [
      ['min', min],
      ['max', max],
    ] as const)
      if (bound !== '' && !NUMBER.test(bound)) fail(`perfdata: ${label} ${name} "${bound}" is not a number`);
    data.push({ label, value: Number(match[1]), unit, warn, crit, min, max });
  }
  return data;
}

/**
 * parseNagios reads plugin output: the first line is `SERVICE STATE - text | perfdata`, later
 * lines are long text. The status text may not hold `|` (it would start the performance data).
 */
export function parseNagios(output: string): NagiosOutput {
  if (!output.endsWith('\n')) fail('nagios: the output does not end with a newline');
  const [first = '', ...rest] = output.slice(0, -1).split('\n');
  const pipe = first.indexOf('|');
  const status = pipe < 0 ? first : first.slice(0, pipe);
  const match = /^(\S+) (OK|WARNING|CRITICAL|UNKNOWN) - (.+)$/.exec(status.trimEnd());
  if (!match) fail(`nagios: status line "${first.slice(0, 100)}" is not "SERVICE STATE - text"`);
  for (const line of rest) if (line.includes('|')) fail(`nagios: long text holds "|": ${line}`);
  return {
    service: match[1]!,
    state: match[2] as NagiosStateName,
    text: match[3]!,
    perfdata: pipe < 0 ? [] : parsePerfData(first.slice(pipe + 1).trim()),
    longText: rest,
  };
}

export const NAGIOS_EXIT: Readonly<Record<NagiosStateName, number>> = {
  OK: 0,
  WARNING: 1,
  CRITICAL: 2,
  UNKNOWN: 3,
};

// ---------------------------------------------------------------------------------------------
// Prometheus text exposition format (node_exporter's textfile collector)

export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PromFamily {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly samples: readonly PromSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let at = 0;
  while (at < text.length) {
    const equals = text.indexOf('=', at);
    if (equals < 0) fail(`${where}: label without "="`);
    const name = text.slice(at, equals);
    if (!LABEL_NAME.test(name) || name.startsWith('__')) fail(`${where}: bad label name "${name}"`);
    if (name in labels) fail(`${where}: label ${name} twice`);
    if (text[equals + 1] !== '"') fail(`${where}: label ${name} value is not quoted`);
    let value = '';
    let i = equals + 2;
    for (;;) {
      const char = text[i];
      if (char === undefined) fail(`${where}: label ${name} value never ends`);
      if (char === '"') break;
      if (char === '\n') fail(`${where}: raw newline in label ${name}`);
      if (char === '\\') {
        const next = text[i + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else fail(`${where}: label ${name} has the undefined escape \\${next ?? ''}`);
        i += 2;
        continue;
      }
      value += char;
      i += 1;
    }
    labels[name] = value;
    at = i + 1;
    if (at < text.length) {
      if (text[at] !== ',') fail(`${where}: "," expected after label ${name}`);
      at += 1;
    }
  }
  return labels;
}

function sampleValue(text: string, where: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail(`${where}: "${text}" is not a float`);
  return Number(text);
}

/**
 * parseExposition reads the Prometheus text format as strictly as node_exporter's textfile
 * collector needs it: `# HELP` and `# TYPE` once per family and before its samples, one family's
 * samples together, no timestamps (the collector rejects them), no series twice, label values with
 * only the three escapes the format defines, and a final newline.
 */
export function parseExposition(text: string): PromFamily[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) fail('prometheus: the text does not end with a newline');
  const families = new Map<string, { name: string; help: string; type: string; samples: PromSample[] }>();
  const closed = new Set<string>();
  let current: string | null = null;
  const series = new Set<string>();
  const familyFor = (name: string) => {
    let family = families.get(name);
    if (!family) {
      family = { name, help: '', type: '', samples: [] };
      families.set(name, family);
    }
    return family;
  };
  for (const [index, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${index + 1}`;
    if (line.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!meta) fail(`${where}: a comment that is not HELP or TYPE`);
      const [, kind, name = '', rest = ''] = meta;
      if (!METRIC_NAME.test(name)) fail(`${where}: bad metric name "${name}"`);
      if (closed.has(name) || (current !== name && families.get(name)?.samples.length))
        fail(`${where}: ${kind} for ${name} after its samples`);
      const family = familyFor(name);
      if (current !== null && current !== name) closed.add(current);
      current = name;
      if (kind === 'HELP') {
        if (family.help !== '') fail(`${where}: second HELP for ${name}`);
        family.help = rest;
      } else {
        if (family.type !== '') fail(`${where}: second TYPE for ${name}`);
        if (!TYPES.has(rest)) fail(`${where}: unknown type "${rest}"`);
        family.type = rest;
      }
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) fail(`${where}: not a sample (or it carries a timestamp): ${line.slice(0, 100)}`);
    const [, name = '', labelText = '', valueText = ''] = match;
    if (closed.has(name)) fail(`${where}: samples of ${name} are not together`);
    if (current !== null && current !== name) closed.add(current);
    current = name;
    const family = familyFor(name);
    if (family.help === '' || family.type === '') fail(`${where}: ${name} has no HELP and TYPE before it`);
    const labels = parseLabels(labelText, where);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) fail(`${where}: the series ${key} appears twice`);
    series.add(key);
    family.samples.push({ name, labels, value: sampleValue(valueText, where) });
  }
  return [...families.values()];
}

/** samplesOf: every sample of the family `name` (empty when the family is absent). */
export function samplesOf(families: readonly PromFamily[], name: string): readonly PromSample[] {
  return families.find((family) => family.name === name)?.samples ?? [];
}

const PROMTOOL = fileURLToPath(new URL('../../.servers/pkg/usr/bin/promtool', import.meta.url));

/**
 * promtoolSkipReason: null when promtool (unpacked by scripts/install-servers.sh) is there. Under
 * CI=true a missing promtool is an error, never a silent skip.
 */
export function promtoolSkipReason(): string | null {
  if (existsSync(PROMTOOL)) return null;
  const reason = `${PROMTOOL} is missing; run scripts/install-servers.sh`;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}`);
  return reason;
}

/**
 * promtoolCheck feeds the text to `promtool check metrics`, Prometheus' own parser and linter. It
 * resolves with promtool's exit code and messages (0 and no message when all is well).
 */
export function promtoolCheck(text: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(PROMTOOL, ['check', 'metrics'], { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (code === -1) reject(error);
      else resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
    child.stdin?.end(text);
  });
}
