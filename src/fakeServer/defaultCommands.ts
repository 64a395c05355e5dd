import { isIP } from 'node:net';
import { posix } from 'node:path';
import { DEFAULT_FILES, directoryListing } from './directoryListing.js';
import type { FakeUser } from './fakeServerScript.js';
import type { PlayOutcome } from './replyPlayer.js';
import { isLoopbackAddress } from './safeAddress.js';
import type { SessionControl } from './sessionControl.js';

/** CommandHandler answers one command the way a healthy server would. */
export type CommandHandler = (session: SessionControl, arg: string) => Promise<PlayOutcome>;

/** DEFAULT_FEATURES are the FEAT lines of a healthy server without TLS. */
export const DEFAULT_FEATURES: readonly string[] = [
  'EPSV',
  'PASV',
  'MLST type*;size*;modify*;',
  'UTF8',
  'SIZE',
];

/** DEFAULT_GREETING is the multi-line 220 a default fake server sends on accept. */
export const DEFAULT_GREETING: readonly string[] = [
  '220-Welcome to the ftp-doctor fake FTP server.',
  '220-It answers like a healthy server unless a script says otherwise.',
  '220 Ready.',
];

const ANONYMOUS_NAMES = new Set(['anonymous', 'ftp']);

/** COMMANDS_BEFORE_LOGIN may be used before a successful login; everything else gets 530. */
export const COMMANDS_BEFORE_LOGIN = new Set([
  'USER',
  'PASS',
  'ACCT',
  'QUIT',
  'FEAT',
  'SYST',
  'AUTH',
  'PBSZ',
  'PROT',
  'NOOP',
  'HELP',
  'OPTS',
]);

function filesOf(session: SessionControl): Readonly<Record<string, string>> {
  return session.script.files ?? DEFAULT_FILES;
}

function fileNamed(session: SessionControl, arg: string): string | undefined {
  const name = posix.basename(arg.trim());
  return Object.hasOwn(filesOf(session), name) ? filesOf(session)[name] : undefined;
}

/** lfToCrlf: what a server converting line ends sends back for a stored file. */
function lfToCrlf(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (const byte of bytes) {
    if (byte === 0x0a) out.push(0x0d);
    out.push(byte);
  }
  return Buffer.from(out);
}

function featureLines(session: SessionControl): readonly string[] {
  const tls = session.script.tls;
  const extra = tls ? [...(session.explicitTlsOffered ? ['AUTH TLS'] : []), 'PBSZ', 'PROT'] : [];
  return [...DEFAULT_FEATURES, ...extra];
}

function lookUpUser(session: SessionControl, name: string): FakeUser | undefined {
  const users = session.script.users ?? {};
  return Object.hasOwn(users, name) ? users[name] : undefined;
}

/** parsePortArgument reads `h1,h2,h3,h4,p1,p2` (RFC 959 PORT). */
function parsePortArgument(arg: string): { host: string; port: number } | null {
  const parts = arg.trim().split(',');
  if (parts.length !== 6 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return null;
  const numbers = parts.map(Number);
  return { host: numbers.slice(0, 4).join('.'), port: numbers[4]! * 256 + numbers[5]! };
}

/** parseEprtArgument reads `|1|127.0.0.1|6275|` (RFC 2428 §2), any delimiter. */
function parseEprtArgument(arg: string): { host: string; port: number } | null {
  const text = arg.trim();
  const delimiter = text[0];
  if (delimiter === undefined) return null;
  const fields = text.split(delimiter);
  if (fields.length !== 5) return null;
  const [, family, host = '', port = ''] = fields;
  const expected = family === '1' ? 4 : family === '2' ? 6 : 0;
  if (expected === 0 || isIP(host) !== expected || !/^\d{1,5}$/.test(port) || Number(port) > 65535)
    return null;
  return { host, port: Number(port) };
}

async function setActive(
  session: SessionControl,
  target: { host: string; port: number } | null,
  verb: string,
) {
  if (session.state.epsvAll) return session.play(`503 ${verb} not allowed after EPSV ALL.`);
  if (!target) return session.play(`501 Syntax error in ${verb} arguments.`);
  // Connecting back anywhere but loopback would break the project's network rule; vsftpd
  // answers a PORT it does not like with exactly this line.
  if (!isLoopbackAddress(target.host)) return session.play('500 Illegal PORT command.');
  session.setActiveTarget(target.host, target.port);
  return session.play(`200 ${verb} command successful. Consider using EPSV.`);
}

async function listCommand(session: SessionControl, format: 'LIST' | 'NLST' | 'MLSD') {
  const listing = session.script.listing;
  const body =
    listing !== undefined && format === 'LIST' ? listing : directoryListing(filesOf(session), format);
  return session.transfer(body);
}

function loginSucceeded(session: SessionControl, user: string): Promise<PlayOutcome> {
  session.state.login = { phase: 'logged-in', user };
  return session.play(`230 ${session.script.loginWording?.loggedIn ?? 'Login successful.'}`);
}

/** DEFAULT_COMMANDS maps each verb to the healthy answer; unknown verbs get 502. */
export const DEFAULT_COMMANDS: Readonly<Record<string, CommandHandler>> = {
  USER: async (session, arg) => {
    const tls = session.script.tls;
    if (tls?.requireTlsForLogin && !session.state.secure) {
      return session.play('530 Non-anonymous sessions must use encryption.');
    }
    if (session.state.login.phase === 'logged-in') return session.play("530 Can't change to another user.");
    if (arg.trim() === '') return session.play('501 Give a user name.');
    session.state.login = { phase: 'user-given', user: arg.trim() };
    return session.play(`331 ${session.script.loginWording?.userOk ?? 'Please specify the password.'}`);
  },
  PASS: async (session, arg) => {
    const login = session.state.login;
    if (login.phase === 'logged-in') return session.play('230 Already logged in.');
    if (login.phase !== 'user-given') return session.play('503 Login with USER first.');
    if (ANONYMOUS_NAMES.has(login.user.toLowerCase()) && session.script.anonymous !== false) {
      return loginSucceeded(session, login.user);
    }
    const account = lookUpUser(session, login.user);
    const password = typeof account === 'string' ? account : account?.password;
    if (password === undefined || password !== arg) {
      session.state.login = { phase: 'anonymous-visitor' };
      return session.play('530 Login incorrect.');
    }
    if (typeof account === 'object' && account.account !== undefined) {
      session.state.login = { phase: 'account-needed', user: login.user, account: account.account };
      return session.play('332 Need account for login.');
    }
    return loginSucceeded(session, login.user);
  },
  ACCT: async (session, arg) => {
    const login = session.state.login;
    if (login.phase === 'logged-in') return session.play('202 ACCT not needed.');
    if (login.phase !== 'account-needed') return session.play('503 Login with USER and PASS first.');
    if (arg.trim() === login.account) return loginSucceeded(session, login.user);
    session.state.login = { phase: 'anonymous-visitor' };
    return session.play('530 Login incorrect.');
  },
  FEAT: async (session) => {
    const features = session.script.features === undefined ? featureLines(session) : session.script.features;
    if (features === null) return session.play('502 FEAT not implemented.');
    if (features.length === 0) return session.play('211 No features.');
    return session.play(['211-Features:', ...features.map((line) => ` ${line}`), '211 End']);
  },
  SYST: (session) => session.play('215 UNIX Type: L8'),
  NOOP: (session) => session.play('200 NOOP ok.'),
  HELP: (session) =>
    session.play([
      '214-The following commands are recognized.',
      ' ABOR ACCT ALLO AUTH CDUP CWD  EPRT EPSV FEAT HELP LIST MDTM MLSD MODE',
      ' NLST NOOP OPTS PASS PASV PBSZ PORT PROT PWD  QUIT RETR SIZE STAT STRU',
      ' SYST TYPE USER',
      '214 Help OK.',
    ]),
  STAT: (session) =>
    session.play(['211-FTP server status:', ' Connected to the ftp-doctor fake server', '211 End of status']),
  QUIT: async (session) => {
    await session.play('221 Goodbye.');
    return session.play({ close: 'end' });
  },
  PWD: (session) => session.play(`257 "${session.state.cwd}" is the current directory`),
  XPWD: (session) => session.play(`257 "${session.state.cwd}" is the current directory`),
  CWD: async (session, arg) => {
    if (arg.trim() === '') return session.play('501 Give a directory name.');
    session.state.cwd = posix.resolve(session.state.cwd, arg.trim());
    return session.play('250 Directory successfully changed.');
  },
  CDUP: async (session) => {
    session.state.cwd = posix.dirname(session.state.cwd);
    return session.play('250 Directory successfully changed.');
  },
  TYPE: async (session, arg) => {
    const type = arg.trim().toUpperCase();
    if (type === 'A' || type === 'A N') return session.play('200 Switching to ASCII mode.');
    if (type === 'I' || type === 'L 8') return session.play('200 Switching to Binary mode.');
    return session.play('504 Unrecognised TYPE command.');
  },
  MODE: (session, arg) =>
    session.play(arg.trim().toUpperCase() === 'S' ? '200 Mode set to S.' : '504 Bad MODE command.'),
  STRU: (session, arg) =>
    session.play(arg.trim().toUpperCase() === 'F' ? '200 Structure set to F.' : '504 Bad STRU command.'),
  OPTS: async (session, arg) => {
    const option = arg.trim().toUpperCase();
    if (option === 'UTF8 ON' || option === 'UTF8') return session.play('200 Always in UTF8 mode.');
    if (option.startsWith('MLST')) return session.play('200 MLST OPTS type;size;modify;');
    return session.play('501 Option not understood.');
  },
  ALLO: (session) => session.play('202 ALLO command ignored.'),
  ABOR: (session) => session.play('225 No transfer to ABOR.'),
  AUTH: async (session, arg) => {
    if (session.state.secure) return session.play('503 Already using TLS.');
    if (!session.explicitTlsOffered) return session.play('502 AUTH not supported.');
    if (!['TLS', 'TLS-C', 'SSL'].includes(arg.trim().toUpperCase())) {
      return session.play('504 Unknown AUTH type.');
    }
    return session.startTls();
  },
  PBSZ: async (session) => {
    if (!session.state.secure) return session.play('503 PBSZ needs a secure connection.');
    return session.play('200 PBSZ=0');
  },
  PROT: async (session, arg) => {
    if (!session.state.secure) return session.play('503 PROT needs a secure connection.');
    const level = arg.trim().toUpperCase();
    if (level === 'P' || level === 'C') {
      session.state.protection = level;
      return session.play(level === 'P' ? '200 PROT now Private.' : '200 PROT now Clear.');
    }
    if (level === 'S' || level === 'E') return session.play('536 PROT level not supported.');
    return session.play('504 Bad PROT command.');
  },
  EPSV: async (session, arg) => {
    const argument = arg.trim().toUpperCase();
    if (argument === 'ALL') {
      session.state.epsvAll = true;
      return session.play('200 EPSV ALL ok.');
    }
    if (argument !== '' && argument !== '1' && argument !== '2')
      return session.play('501 Bad EPSV argument.');
    if (argument !== '' && Number(argument) !== (session.family === 4 ? 1 : 2)) {
      return session.play(`522 Network protocol not supported, use (${session.family === 4 ? 1 : 2})`);
    }
    const port = await session.openPassive('epsv');
    return session.play(`229 Entering Extended Passive Mode (|||${port}|)`);
  },
  PASV: async (session) => {
    if (session.state.epsvAll) return session.play('503 PASV not allowed after EPSV ALL.');
    const advertised = session.script.pasvAdvertise ?? session.localAddress;
    const v4 = advertised.toLowerCase().startsWith('::ffff:') ? advertised.slice(7) : advertised;
    // Pure-FTPd refuses PASV on an IPv6 control connection the same way.
    if (isIP(v4) !== 4) return session.play('425 Cannot use PASV over IPv6, use EPSV.');
    const port = await session.openPassive('pasv');
    const numbers = [...v4.split('.'), String(port >> 8), String(port & 255)].join(',');
    return session.play(`227 Entering Passive Mode (${numbers}).`);
  },
  PORT: (session, arg) => setActive(session, parsePortArgument(arg), 'PORT'),
  EPRT: (session, arg) => setActive(session, parseEprtArgument(arg), 'EPRT'),
  LIST: (session) => listCommand(session, 'LIST'),
  NLST: (session) => listCommand(session, 'NLST'),
  MLSD: (session) => listCommand(session, 'MLSD'),
  RETR: async (session, arg) => {
    const uploaded = session.uploads.get(posix.basename(arg.trim()));
    if (uploaded)
      return session.transfer(session.script.uploads === 'stored-ascii' ? lfToCrlf(uploaded) : uploaded);
    const content = fileNamed(session, arg);
    if (content === undefined) return session.play('550 Failed to open file.');
    return session.transfer(content);
  },
  SIZE: async (session, arg) => {
    const uploaded = session.uploads.get(posix.basename(arg.trim()));
    if (uploaded) return session.play(`213 ${uploaded.length}`);
    const content = fileNamed(session, arg);
    if (content === undefined) return session.play('550 Could not get file size.');
    return session.play(`213 ${Buffer.byteLength(content, 'utf8')}`);
  },
  MDTM: async (session, arg) => {
    if (fileNamed(session, arg) === undefined)
      return session.play('550 Could not get file modification time.');
    return session.play('213 20240101000000');
  },
  STOR: (session, arg) => {
    if ((session.script.uploads ?? 'refused') === 'refused') return session.play('550 Permission denied.');
    const name = posix.basename(arg.trim());
    return session.receive((bytes) => session.uploads.set(name, bytes));
  },
  APPE: (session) => session.play('550 Permission denied.'),
  STOU: (session) => session.play('550 Permission denied.'),
  DELE: (session, arg) =>
    session.play(
      session.uploads.delete(posix.basename(arg.trim()))
        ? '250 Delete operation successful.'
        : '550 Permission denied.',
    ),
  MKD: (session) => session.play('550 Permission denied.'),
  RMD: (session) => session.play('550 Permission denied.'),
};
