import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Target } from '../probe/types.js';
import { findNetrcEntry, type NetrcEntry, NetrcSyntaxError, parseNetrc } from './netrc.js';
import { UsageError } from './usageError.js';

/** Anonymous FTP convention (RFC 1635): any e-mail-like password is accepted. */
const ANONYMOUS_PASSWORD = 'ftp-doctor@example.com';

export interface CredentialSources {
  readonly user: string | undefined;
  readonly account: string | undefined;
  readonly passwordFromEnv: string | undefined;
  readonly passwordFromStdin: string | undefined;
  readonly netrc: boolean;
  readonly netrcFile: string | undefined;
}

export interface Credentials {
  readonly user: string;
  readonly password: string;
  readonly account: string | null;
  /** Where the password came from, for -v (never the password itself). */
  readonly passwordSource: 'anonymous' | 'url' | 'FTP_PASSWORD' | 'stdin' | 'netrc' | 'none';
}

/**
 * resolveCredentials picks user and password in curl's order of precedence: the URL, then
 * --user with FTP_PASSWORD or --password-stdin, then .netrc; anonymous when nothing names a user.
 */
export async function resolveCredentials(target: Target, sources: CredentialSources): Promise<Credentials> {
  const explicitPassword = sources.passwordFromStdin ?? sources.passwordFromEnv;
  const explicitSource = sources.passwordFromStdin !== undefined ? 'stdin' : 'FTP_PASSWORD';
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
      text = await readFile(path, 'utf8');
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
  return { user, password: '', account, passwordSource: 'none' };
}
