import { readFile } from 'node:fs/promises';
import { readOptionValues } from '../cli/options/readOptionValues.js';
import { type CheckedFlags, checkFlags } from '../cli/probeOptions.js';
import { UsageError } from '../cli/usageError.js';
import { ConfigError, type ConfigFile, loadConfigFile, type ProfileSettings } from '../config/configFile.js';
import type { TlsMode } from '../probe/types.js';
import { Allowlist } from './allowlist.js';

/** ServeModule: one module of the config, ready to probe with. Holds the password in memory only. */
export interface ServeModule {
  readonly name: string;
  readonly flags: CheckedFlags;
  readonly user: string | undefined;
  readonly account: string | undefined;
  readonly password: string | undefined;
  /** require_tls: TLS is demanded (explicit unless ftps:// or tls: implicit), so no password goes out in clear. */
  readonly requireTls: boolean;
  readonly tls: TlsMode | null;
  /** strict: warnings count as a failure (probe_success 0, exit code 1), as `--strict` does. */
  readonly strict: boolean;
  /**
   * The module's own `allowed_targets`, matched in addition to the file's. Required when the
   * module holds a password, so that whoever can reach /probe cannot send it to any allowed host.
   */
  readonly targets: Allowlist | null;
}

export interface ServeConfig {
  /** null: no file; the built-in default module and a loopback-only allowlist. */
  readonly path: string | null;
  readonly allowlist: Allowlist;
  readonly modules: ReadonlyMap<string, ServeModule>;
}

/** Without a config file, /probe reaches only this machine: an exporter must not be an open relay. */
export const LOOPBACK_ONLY = ['127.0.0.0/8', '::1', 'localhost'];

/**
 * loadServeConfig reads the config file (or the defaults) into modules. Every check that can fail
 * runs here, so a bad file is refused at start-up and on reload, never in the middle of a scrape.
 */
export async function loadServeConfig(
  path: string | null,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ServeConfig> {
  if (path === null) {
    return {
      path: null,
      allowlist: Allowlist.of(LOOPBACK_ONLY),
      modules: new Map([['default', await buildModule('default', {}, env, null)]]),
    };
  }
  const file = await loadConfigFile(path);
  if (file.allowedTargets === null)
    throw new ConfigError(path, 1, 'allowed_targets', 'required by serve: list the hosts /probe may reach');
  const modules = new Map<string, ServeModule>();
  for (const [name, settings] of file.profiles)
    modules.set(name, await buildModule(name, settings, env, { file, givenPath: path }));
  if (!modules.has('default')) modules.set('default', await buildModule('default', {}, env, null));
  return { path: file.path, allowlist: Allowlist.of(file.allowedTargets), modules };
}

async function buildModule(
  name: string,
  settings: ProfileSettings,
  env: Readonly<Record<string, string | undefined>>,
  source: { file: ConfigFile; givenPath: string } | null,
): Promise<ServeModule> {
  const file = source?.file ?? null;
  const refuse = (key: string, reason: string): never => {
    throw new ConfigError(
      source?.givenPath ?? '(defaults)',
      file?.lineOf(name, key) ?? 0,
      `modules.${name}.${key}`,
      reason,
    );
  };
  // The allowlist names the control connection's host; a PASV reply may name any other address.
  if (settings.trust_pasv_address === true)
    refuse(
      'trust_pasv_address',
      'not allowed in serve: it connects to addresses the allowlist does not cover',
    );
  let flags: CheckedFlags;
  try {
    flags = await checkFlags(readOptionValues({}, { name, file: file?.path ?? '(defaults)', settings }));
  } catch (error) {
    if (error instanceof UsageError) return refuse('', error.message);
    throw error;
  }
  let password: string | undefined;
  if (typeof settings.password_file === 'string') {
    const text = await readFile(settings.password_file, 'utf8').catch((error: NodeJS.ErrnoException) =>
      refuse('password_file', `cannot read ${settings.password_file} (${error.code ?? 'error'})`),
    );
    password = text.replace(/\r?\n$/, '');
  } else if (typeof settings.password_env === 'string') {
    password = env[settings.password_env];
    if (password === undefined) refuse('password_env', `the variable ${settings.password_env} is not set`);
  }
  const ownTargets = file?.moduleTargets.get(name);
  if (password !== undefined && ownTargets === undefined)
    refuse(
      typeof settings.password_file === 'string' ? 'password_file' : 'password_env',
      'a module with a password needs its own allowed_targets: the hosts this password may be sent to',
    );
  return {
    name,
    flags,
    strict: flags.strict,
    targets: ownTargets === undefined ? null : Allowlist.of(ownTargets),
    user: typeof settings.user === 'string' ? settings.user : undefined,
    account: typeof settings.account === 'string' ? settings.account : undefined,
    password,
    requireTls: settings.require_tls === true,
    tls: flags.tlsFlag,
  };
}
