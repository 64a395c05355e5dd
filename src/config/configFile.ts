import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { checkProfileSetting, profileKeyTable } from './profileKeys.js';

/**
 * ConfigError: the config file is wrong. `line` is 1-based (0 when the file could not be read);
 * the message reads `FILE:LINE: key: reason`, the form editors and CI logs link to.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${key}: ${reason}`);
  }
}

export type SettingValue = string | number | boolean;

/**
 * ProfileSettings: one module (profile) of the file: snake_case names of the CLI's long options
 * mapped to values that passed their checks, plus `password_file` (an absolute path),
 * `password_env` (a variable name) and `require_tls`. Durations keep the form written in the
 * file (`5s`, `500ms`, or a number of seconds); file paths are made absolute against the file's
 * directory.
 */
export type ProfileSettings = Readonly<Record<string, SettingValue>>;

export interface ConfigFile {
  readonly path: string;
  /** `allowed_targets` as written (host patterns with `*`, IP addresses, CIDR ranges); null when absent. */
  readonly allowedTargets: readonly string[] | null;
  readonly profiles: ReadonlyMap<string, ProfileSettings>;
  /**
   * A module's own `allowed_targets` (serve only): a target must match it as well as the file's
   * list. Absent for modules that have none.
   */
  readonly moduleTargets: ReadonlyMap<string, readonly string[]>;
  /** The line a profile (or one of its keys) is written on, for messages about its meaning. */
  readonly lineOf: (profile: string, key?: string) => number;
}

const TOP_LEVEL_KEYS = ['allowed_targets', 'modules'];

/** MAX_CONFIG_BYTES: a config is a few kilobytes; anything far larger is the wrong file. */
const MAX_CONFIG_BYTES = 1_000_000;

/**
 * loadConfigFile reads and checks a YAML config file:
 *
 *   allowed_targets: ["ftp.example.com", "*.ftp.example.net", "192.0.2.0/24"]
 *   modules:
 *     default: { connect_timeout: 5s }
 *     partner: { user: feed, password_file: /run/secrets/ftp, require_tls: true }
 *
 * Everything that can be checked without the network is checked here, so a mistake is refused
 * with its line before anything runs.
 */
export async function loadConfigFile(path: string): Promise<ConfigFile> {
  const file = resolve(path);
  const yaml = parseConfig(path, await readConfigText(path, file));
  let allowedTargets: string[] | null = null;
  const modules: ModuleTables = { profiles: new Map(), moduleTargets: new Map(), lines: new Map() };
  for (const pair of yaml.root.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!TOP_LEVEL_KEYS.includes(key))
      yaml.fail(keyNode, key || '(key)', `unknown top-level key; expected ${TOP_LEVEL_KEYS.join(' or ')}`);
    const value = pair.value as Node | null;
    if (key === 'allowed_targets') allowedTargets = readTargetList(value ?? keyNode, key, yaml.fail);
    else await readModules(value ?? keyNode, key, dirname(file), yaml, modules);
  }
  const { profiles, moduleTargets, lines } = modules;
  return {
    path: file,
    allowedTargets,
    profiles,
    moduleTargets,
    lineOf: (profile, key) =>
      (key === undefined ? undefined : lines.get(`${profile}\0${key}`)) ?? lines.get(profile) ?? 1,
  };
}

/** readConfigText: the file's text, refused when it is not a regular file or far too large. */
async function readConfigText(path: string, file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ConfigError(path, 0, 'file', 'is not a regular file');
    if (info.size > MAX_CONFIG_BYTES) throw new ConfigError(path, 0, 'file', 'is larger than 1 MB');
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      path,
      0,
      'file',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** ParsedConfig: the file's top-level map, and how to name a node's line in an error. */
interface ParsedConfig {
  readonly root: YAMLMap;
  readonly lineAt: (node: Node | null | undefined) => number;
  readonly fail: Fail;
}

/** parseConfig: the YAML document, refused at its first syntax error or when it is not a map. */
function parseConfig(path: string, text: string): ParsedConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new ConfigError(path, line, 'yaml', syntax.message.split('\n')[0] ?? 'syntax error');
  }
  const lineAt = (node: Node | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const fail = (node: Node | null | undefined, key: string, reason: string): never => {
    throw new ConfigError(path, lineAt(node), key, reason);
  };
  const root = document.contents;
  if (root === null) fail(root, 'file', 'is empty; expected allowed_targets and modules');
  if (!isMap(root)) return fail(root, 'file', 'expected a map with allowed_targets and modules');
  return { root, lineAt, fail };
}

/** ModuleTables: what the `modules` map holds, filled as it is read. */
interface ModuleTables {
  readonly profiles: Map<string, ProfileSettings>;
  readonly moduleTargets: Map<string, readonly string[]>;
  /** The line of each module (`name`) and of each of its keys (`name\0key`). */
  readonly lines: Map<string, number>;
}

/** readModules: the `modules` map, each module's name, own allowed_targets and settings checked. */
async function readModules(
  node: Node,
  key: string,
  baseDir: string,
  yaml: ParsedConfig,
  modules: ModuleTables,
): Promise<void> {
  if (!isMap(node)) return yaml.fail(node, key, 'expected a map from module names to settings');
  for (const modulePair of node.items) {
    const nameNode = modulePair.key as Node;
    const name = isScalar(nameNode) ? String(nameNode.value) : '';
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name))
      yaml.fail(nameNode, `modules.${name}`, 'module names are 1-64 letters, digits, "_", "." or "-"');
    modules.lines.set(name, yaml.lineAt(nameNode));
    const moduleNode = modulePair.value as Node | null;
    readModuleTargets(name, moduleNode, yaml, modules);
    modules.profiles.set(
      name,
      await readProfile(moduleNode, `modules.${name}`, baseDir, yaml.fail, (k, n) =>
        modules.lines.set(`${name}\0${k}`, yaml.lineAt(n)),
      ),
    );
  }
}

/**
 * readModuleTargets: a module's own `allowed_targets`, taken out of its map so that the rest
 * reads as probe settings.
 */
function readModuleTargets(
  name: string,
  moduleNode: Node | null,
  yaml: ParsedConfig,
  modules: ModuleTables,
): void {
  const ownTargets = isMap(moduleNode) ? moduleNode.get('allowed_targets', true) : undefined;
  if (ownTargets === undefined) return;
  modules.lines.set(`${name}\0allowed_targets`, yaml.lineAt(ownTargets as Node));
  modules.moduleTargets.set(
    name,
    readTargetList(ownTargets as Node, `modules.${name}.allowed_targets`, yaml.fail),
  );
  (moduleNode as YAMLMap).delete('allowed_targets');
}

type Fail = (node: Node | null | undefined, key: string, reason: string) => never;

/** readTargetList: an `allowed_targets` list, every entry checked as a pattern. */
function readTargetList(node: Node, key: string, fail: Fail): string[] {
  if (!isSeq(node)) return fail(node, key, 'expected a list of host patterns or CIDR ranges');
  return node.items.map((item, index) => {
    const entry = isScalar(item) ? item.value : null;
    const name = `${key}[${index}]`;
    if (typeof entry !== 'string') return fail(item as Node, name, 'expected a host pattern or CIDR range');
    const problem = targetPatternProblem(entry);
    if (problem !== null) fail(item as Node, name, problem);
    return entry.trim();
  });
}

async function readProfile(
  node: Node | null,
  where: string,
  baseDir: string,
  fail: Fail,
  remember: (key: string, node: Node) => void,
): Promise<ProfileSettings> {
  // `default: {}` and a bare `default:` both mean "the built-in defaults".
  if (node === null || (isScalar(node) && node.value === null)) return {};
  if (!isMap(node)) return fail(node, where, 'expected a map of settings');
  const settings: Record<string, SettingValue> = {};
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const name = `${where}.${key}`;
    remember(key, keyNode);
    if (!profileKeyTable().has(key)) {
      const dashed = key.includes('-') ? ` (write ${key.replace(/-/g, '_')})` : '';
      fail(keyNode, name, `${checkProfileSetting(key, null) ?? 'unknown setting'}${dashed}`);
    }
    const valueNode = pair.value as Node | null;
    const value = isScalar(valueNode) ? valueNode.value : undefined;
    const problem = (reason: string): never => fail(valueNode ?? keyNode, name, reason);
    if (value === undefined || value === null || typeof value === 'object')
      problem('expected a single value');
    // The option table's own checks, so a file accepts exactly what the command line does.
    const reason = checkProfileSetting(key, value);
    if (reason !== null) problem(reason);
    settings[key] = PATH_KEYS.has(key)
      ? await readablePath(String(value), baseDir, problem)
      : (value as SettingValue);
  }
  if (settings.password_file !== undefined && settings.password_env !== undefined)
    fail(node, where, 'give password_file or password_env, not both');
  if (settings.ipv4 === true && settings.ipv6 === true) fail(node, where, 'ipv4 and ipv6 exclude each other');
  if (settings.require_tls === true && settings.tls === 'off')
    fail(node, where, 'require_tls: true and tls: off exclude each other');
  return settings;
}

/** PATH_KEYS: settings that name a file, resolved against the config file's own folder. */
const PATH_KEYS: ReadonlySet<string> = new Set(['ca', 'netrc_file', 'password_file']);

async function readablePath(
  value: string,
  baseDir: string,
  problem: (reason: string) => never,
): Promise<string> {
  const path = resolve(baseDir, value);
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    problem(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return path;
}

/** TargetPattern: one `allowed_targets` entry, ready to match. */
export type TargetPattern =
  | { readonly kind: 'name'; readonly labels: readonly string[] }
  | { readonly kind: 'network'; readonly family: 4 | 6; readonly bits: bigint; readonly prefix: number };

/**
 * parseTargetPattern reads an `allowed_targets` entry: an IP address, a CIDR range
 * (`192.0.2.0/24`, `fd00::/8`) or a host name in which a label may be `*` (any one label) or
 * hold `*` inside it (`ftp-*.example.com`). Returns null when the entry is none of these.
 */
export function parseTargetPattern(text: string): TargetPattern | null {
  const entry = text.trim().toLowerCase();
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const family = isIP(address) as 0 | 4 | 6;
  if (family !== 0) {
    const width = family === 4 ? 32 : 128;
    const prefixText = slash < 0 ? String(width) : entry.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > width) return null;
    return { kind: 'network', family, bits: addressBits(address), prefix: Number(prefixText) };
  }
  if (slash >= 0 || entry === '' || entry.length > 253) return null;
  const labels = entry.split('.');
  if (!labels.every((label) => /^[a-z0-9_*-]{1,63}$/.test(label))) return null;
  return { kind: 'name', labels };
}

function targetPatternProblem(entry: string): string | null {
  return parseTargetPattern(entry) === null
    ? `"${entry}" is neither a host name (with "*" for any label), an IP address nor a CIDR range`
    : null;
}

/** addressBits: an IP address as one number, for prefix comparisons. */
export function addressBits(address: string): bigint {
  if (isIP(address) === 4)
    return address.split('.').reduce((bits, part) => (bits << 8n) | BigInt(Number(part)), 0n);
  let text = address.toLowerCase();
  // An IPv4 tail (::ffff:192.0.2.1) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const value = addressBits(v4[1]!);
    text = `${text.slice(0, -v4[1]!.length)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
