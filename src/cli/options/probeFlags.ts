import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { oneOf } from '../../config/optionValues.js';
import { checkProfileSetting } from '../../config/profileKeys.js';
import { type CheckedFlags, checkFlags, type ProfileLogin } from '../probeOptions.js';
import { UsageError } from '../usageError.js';
import { type ProfileValues, readOptionValues } from './readOptionValues.js';

/** DEFAULT_PROFILE: the profile used when the command line names none. */
const DEFAULT_PROFILE = 'default';

/**
 * probeFlagsFrom: the probe command's checked flags from commander's parse of the command line,
 * with the chosen config profile underneath (command-line flags win).
 */
export async function probeFlagsFrom(commandLine: Readonly<Record<string, unknown>>): Promise<CheckedFlags> {
  const chosen = await chosenProfile(text(commandLine.config), text(commandLine.profile));
  return checkFlags(readOptionValues(commandLine, chosen?.values ?? null), chosen?.login);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * defaultConfigPath: $XDG_CONFIG_HOME/ftp-doctor/config.yml (XDG Base Directory Specification),
 * else ~/.config/ftp-doctor/config.yml.
 */
export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME?.startsWith('/')
    ? env.XDG_CONFIG_HOME
    : join(env.HOME ?? homedir(), '.config');
  return join(base, 'ftp-doctor', 'config.yml');
}

interface ChosenProfile {
  readonly values: ProfileValues;
  readonly login: ProfileLogin;
}

/**
 * chosenProfile loads the config file (--config, else the default path when that file exists)
 * and picks --profile NAME, else the profile named "default" when there is one. The file is read
 * only when one of these applies, so a probe without a config costs nothing.
 */
async function chosenProfile(
  configFlag: string | null,
  profileFlag: string | null,
): Promise<ChosenProfile | null> {
  const fallback = defaultConfigPath(process.env);
  const path = configFlag ?? (existsSync(fallback) ? fallback : null);
  if (path === null) {
    if (profileFlag === null) return null;
    throw new UsageError(`--profile ${profileFlag}: no config file; give --config FILE or write ${fallback}`);
  }
  const { ConfigError, loadConfigFile } = await import('../../config/configFile.js');
  let config: Awaited<ReturnType<typeof loadConfigFile>>;
  try {
    config = await loadConfigFile(path);
  } catch (error) {
    // FILE:LINE: key: reason, the form editors and CI logs link to; exit 2 like any usage error.
    if (error instanceof ConfigError) throw new UsageError(`config error: ${error.message}`);
    throw error;
  }
  const name = profileFlag ?? (config.profiles.has(DEFAULT_PROFILE) ? DEFAULT_PROFILE : null);
  if (name === null) return null;
  const settings = config.profiles.get(name);
  if (settings !== undefined) {
    // The loader has checked the file; this holds each value to the option table as well, so a
    // profile cannot set what the same flag on the command line would refuse.
    for (const [key, value] of Object.entries(settings)) {
      const reason = checkProfileSetting(key, value);
      if (reason !== null)
        throw new UsageError(
          `config error: ${config.path}:${config.lineOf(name, key)}: modules.${name}.${key}: ${reason}`,
        );
    }
  }
  if (settings === undefined) {
    const known = [...config.profiles.keys()];
    throw new UsageError(
      `--profile: ${config.path} has no profile "${name.slice(0, 64)}"; ${known.length === 0 ? 'it has none' : `valid: ${oneOf(known)}`}`,
    );
  }
  return {
    values: { name, file: config.path, settings },
    login: {
      passwordFile: typeof settings.password_file === 'string' ? settings.password_file : null,
      passwordEnv: typeof settings.password_env === 'string' ? settings.password_env : null,
      requireTls: settings.require_tls === true,
    },
  };
}
