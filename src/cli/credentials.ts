import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Target } from '../probe/types.js';
import { formatEndpoint } from '../protocol/address.js';
import { readTextFile } from './fileSystem.js';
import { findNetrcEntry, type NetrcEntry, NetrcSyntaxError, parseNetrc } from './netrc.js';
import { canPrompt, promptPassword } from './passwordPrompt.js';
import type { LoginFlags } from './probeOptions.js';
import { UsageError } from './usageError.js';

/** Anonymous FTP convention (RFC 1635): any e-mail-like password is accepted. */
const ANONYMOUS_PASSWORD = 'ftp-doctor@example.com';

export interface CredentialSources {
  readonly user: string | undefined;
  readonly account: string | undefined;
  readonly passwordFromEnv: string | undefined;
  readonly passwordFromStdin: string | undefined;
  /** A config profile's password (from its password_file or password_env), already read. */
  readonly passwordFromProfile: string | undefined;
  readonly netrc: boolean;
  readonly netrcFile: string | undefined;
  /**
   * askPassword asks the person at the terminal; null when there is none, and a named user
   * without a password is then a usage error (sending an empty password would only earn a 530
   * that looks like the server's fault).
   */
  readonly askPassword: ((user: string, target: Target) => Promise<string>) | null;
}

export interface Credentials {
  readonly user: string;
  readonly password: string;
  readonly account: string | null;
  /** Where the password came from, for -v (never the password itself). */
  readonly passwordSource: 'anonymous' | 'url' | 'FTP_PASSWORD' | 'stdin' | 'profile' | 'netrc' | 'prompt';
}

/**
 * resolveCredentials picks user and password in curl's order of precedence: the URL, then
 * --user with FTP_PASSWORD or --password-stdin, then .netrc; anonymous when nothing names a user.
 */
export async function resolveCredentials(target: Target, sources: CredentialSources): Promise<Credentials> {
  const explicitPassword =
    sources.passwordFromStdin ?? sources.passwordFromEnv ?? sources.passwordFromProfile;
  const explicitSource =
    sources.passwordFromStdin !== undefined
      ? 'stdin'
      : sources.passwordFromEnv !== undefined
        ? 'FTP_PASSWORD'
        : 'profile';
  let user = target.user ?? sources.user ?? null;
  const account = sources.account ?? null;
  if (target.urlPassword !== null)
    return { user: user ?? 'anonymous', password: target.urlPassword, account, passwordSource: 'url' };
  if (explicitPassword !== undefined && user !== null)
    return { user, password: explicitPassword, account, passwordSource: explicitSource };
  if (sources.netrc || sources.netrcFile !== undefined) {
    const path = sources.netrcFile ?? join(homedir(), '.netrc');
    let text: string;
    try {
      text = await readTextFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new UsageError(`cannot read the netrc file ${path} (${code})`);
    }
    let entry: NetrcEntry | null;
    try {
      entry = findNetrcEntry(parseNetrc(text), target.host, user);
    } catch (error) {
      if (error instanceof NetrcSyntaxError) throw new UsageError(`${path}: ${error.message}`);
      throw error;
    }
    if (entry) {
      user = user ?? entry.login;
      if (entry.password !== null && user !== null) {
        return { user, password: entry.password, account: account ?? entry.account, passwordSource: 'netrc' };
      }
    }
  }
  if (user === null && sources.passwordFromStdin !== undefined) {
    // A password piped in for nobody would be dropped silently; say so instead.
    throw new UsageError(
      `--password-stdin needs a user name for ${target.host}: give --user NAME or ftp://NAME@host`,
    );
  }
  if (user === null || user === 'anonymous' || user === 'ftp') {
    return {
      user: user ?? 'anonymous',
      // FTP_PASSWORD is meant for a named account: an anonymous login chosen by default never
      // sends it (servers log anonymous passwords as e-mail addresses, vsftpd included).
      password: user === null ? ANONYMOUS_PASSWORD : (explicitPassword ?? ANONYMOUS_PASSWORD),
      account,
      passwordSource: 'anonymous',
    };
  }
  if (explicitPassword !== undefined)
    return { user, password: explicitPassword, account, passwordSource: explicitSource };
  if (sources.askPassword === null) throw new UsageError(noPasswordMessage(user, sources));
  return { user, password: await sources.askPassword(user, target), account, passwordSource: 'prompt' };
}

/** noPasswordMessage: a named user, no password anywhere, and no terminal to ask on. */
function noPasswordMessage(user: string, sources: CredentialSources): string {
  const netrc = sources.netrc || sources.netrcFile !== undefined ? ' (the netrc file has none for it)' : '';
  return (
    `no password for user "${user.length > 40 ? `${user.slice(0, 40)}…` : user}"${netrc}, and no terminal to ask on; ` +
    'set FTP_PASSWORD, pipe it with --password-stdin, or use --netrc'
  );
}

/**
 * credentialsForTargets settles every target's login before any probe starts, so a password
 * prompt never races a spinner and a missing password costs no network time. Each user@host is
 * asked for once.
 */
export async function credentialsForTargets(
  targets: readonly Target[],
  login: LoginFlags,
): Promise<Map<Target, Credentials>> {
  const passwordFromStdin = login.passwordStdin ? await readPasswordFromStdin() : undefined;
  const passwordFromProfile = await readProfilePassword(login);
  const asked = new Map<string, string>();
  const askPassword = canPrompt()
    ? async (user: string, target: Target) => {
        const key = `${user}@${formatEndpoint(target.host, target.port)}`;
        const known = asked.get(key);
        if (known !== undefined) return known;
        const password = await promptPassword(`Password for ${key}: `);
        asked.set(key, password);
        return password;
      }
    : null;
  const credentials = new Map<Target, Credentials>();
  for (const target of targets) {
    credentials.set(
      target,
      await resolveCredentials(target, {
        user: login.user ?? undefined,
        account: login.account ?? undefined,
        passwordFromEnv: process.env.FTP_PASSWORD,
        passwordFromStdin,
        passwordFromProfile,
        netrc: login.netrc,
        netrcFile: login.netrcFile ?? undefined,
        askPassword,
      }),
    );
  }
  return credentials;
}

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError('--password-stdin: standard input is a terminal; pipe the password in');
  // Loaded here: only --password-stdin reads standard input.
  const { text: readStream } = await import('node:stream/consumers');
  const text = await readStream(process.stdin);
  return text.replace(/\r?\n$/, '');
}

/** readProfilePassword: a profile's password_env variable, else its password_file's first line. */
async function readProfilePassword(login: LoginFlags): Promise<string | undefined> {
  if (login.passwordEnv !== null) {
    const value = process.env[login.passwordEnv];
    if (value === undefined)
      throw new UsageError(`the profile's password_env names ${login.passwordEnv}, which is not set`);
    return value;
  }
  if (login.passwordFile === null) return undefined;
  try {
    return (await readTextFile(login.passwordFile)).split(/\r?\n/)[0];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot read the profile's password_file ${login.passwordFile} (${code})`);
  }
}
