import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprintServer } from '../../src/knowledge/servers/fingerprint.js';
import { parseReplies } from '../../src/protocol/replyFramer.js';
import type { Reply } from '../../src/protocol/types.js';

/** reply frames one reply from raw lines, the way the probe would receive it. */
function reply(...lines: string[]): Reply {
  const { replies, rest } = parseReplies(`${lines.join('\r\n')}\r\n`);
  expect(replies).toHaveLength(1);
  expect(rest).toBe('');
  return replies[0]!;
}

/** Feature lines of a FEAT reply, trimmed, as FeaturesData holds them. */
function featuresOf(feat: Reply | null): string[] {
  if (!feat) return [];
  return feat.lines.slice(1, -1).map((line) => line.trim());
}

/**
 * A capture in test/fixtures/banners/*.txt: `# ` comment lines saying how it was made, then
 * sections [banner], [syst], [feat], [help], each holding one reply's raw lines.
 */
function capture(name: string): {
  banner: Reply | null;
  syst: Reply | null;
  feat: Reply | null;
  help: Reply | null;
} {
  const text = readFileSync(new URL(`../fixtures/banners/${name}`, import.meta.url), 'utf8');
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('# ') || line === '#') continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      current = [];
      sections.set(header[1]!, current);
    } else if (current && line !== '') {
      current.push(line);
    }
  }
  const get = (key: string): Reply | null => {
    const lines = sections.get(key);
    return lines && lines.length > 0 ? reply(...lines) : null;
  };
  return { banner: get('banner'), syst: get('syst'), feat: get('feat'), help: get('help') };
}

describe('fingerprintServer on captures from the real servers', () => {
  it.each([
    {
      title: 'vsftpd 3.0.3 (banner, HELP)',
      input: 'vsftpd.txt',
      expected: { software: 'vsftpd', version: '3.0.3', confidence: 'high', basis: ['banner', 'help'] },
    },
    {
      title: 'vsftpd with TLS',
      input: 'vsftpd-tls.txt',
      expected: { software: 'vsftpd', version: '3.0.3', confidence: 'high', basis: ['banner'] },
    },
    {
      title: 'ProFTPD 1.3.8 (no version in its banner)',
      input: 'proftpd.txt',
      expected: { software: 'proftpd', version: null, confidence: 'high', basis: ['banner'] },
    },
    {
      title: 'ProFTPD with mod_tls',
      input: 'proftpd-tls.txt',
      expected: { software: 'proftpd', version: null, confidence: 'high', basis: ['banner'] },
    },
    {
      title: 'Pure-FTPd 1.0.50 (banner, FEAT, HELP)',
      input: 'pure-ftpd.txt',
      expected: {
        software: 'pure-ftpd',
        version: null,
        confidence: 'high',
        basis: ['banner', 'feat', 'help'],
      },
    },
  ])('$title', ({ input, expected }) => {
    const { banner, syst, feat, help } = capture(input);
    const fingerprint = fingerprintServer({ banner, syst, features: featuresOf(feat), help });
    expect({
      software: fingerprint.software,
      version: fingerprint.version,
      confidence: fingerprint.confidence,
      basis: fingerprint.basis,
    }).toEqual(expected);
  });

  it('still recognises vsftpd and Pure-FTPd by HELP/FEAT when the banner is customised', () => {
    const vsftpd = capture('vsftpd.txt');
    expect(
      fingerprintServer({
        banner: reply('220 Welcome to ACME file transfer'),
        syst: vsftpd.syst,
        features: featuresOf(vsftpd.feat),
        help: vsftpd.help,
      }),
    ).toMatchObject({ software: 'vsftpd', confidence: 'medium', basis: ['help'], version: null });

    const pure = capture('pure-ftpd.txt');
    expect(
      fingerprintServer({
        banner: reply('220 Hello'),
        syst: pure.syst,
        features: featuresOf(pure.feat),
        help: null,
      }),
    ).toMatchObject({ software: 'pure-ftpd', confidence: 'medium', basis: ['feat'] });
  });
});

describe('fingerprintServer on documented default greetings', () => {
  // Banners as the products send them by default (sources: the products' code or documentation,
  // and public transcripts; see the comments in src/knowledge/servers/fingerprint.ts).
  it.each([
    {
      title: 'ProFTPD with version (before 1.3.6)',
      input: { banner: ['220 ProFTPD 1.3.5e Server (Debian) [::ffff:192.0.2.7]'] },
      expected: ['proftpd', '1.3.5e', 'high'],
    },
    {
      title: 'FileZilla Server 0.9',
      input: {
        banner: [
          '220-FileZilla Server version 0.9.60 beta',
          '220-written by Tim Kosse (tim.kosse@filezilla-project.org)',
          '220 Please visit https://filezilla-project.org/',
        ],
        syst: ['215 UNIX emulated by FileZilla'],
      },
      expected: ['filezilla-server', '0.9.60 beta', 'high'],
    },
    {
      title: 'FileZilla Server 1.x',
      input: { banner: ['220-FileZilla Server 1.8.0', '220 Please visit https://filezilla-project.org/'] },
      expected: ['filezilla-server', '1.8.0', 'high'],
    },
    {
      title: 'IIS 7+',
      input: { banner: ['220 Microsoft FTP Service'], syst: ['215 Windows_NT'] },
      expected: ['iis', null, 'high'],
    },
    {
      title: 'IIS 5',
      input: { banner: ['220 host Microsoft FTP Service (Version 5.0).'] },
      expected: ['iis', '5.0', 'high'],
    },
    {
      title: 'IIS with the banner suppressed: SYST alone',
      input: { banner: ['220 '], syst: ['215 Windows_NT'] },
      expected: ['iis', null, 'medium'],
    },
    {
      title: 'pyftpdlib',
      input: { banner: ['220 pyftpdlib 1.5.7 ready.'] },
      expected: ['pyftpdlib', '1.5.7', 'high'],
    },
    {
      title: 'Serv-U 15',
      input: { banner: ['220 Serv-U FTP Server v15.1 ready...'] },
      expected: ['serv-u', '15.1', 'high'],
    },
    {
      title: 'Serv-U 6 for WinSock',
      input: { banner: ['220 Serv-U FTP Server v6.4 for WinSock ready...'] },
      expected: ['serv-u', '6.4', 'high'],
    },
    {
      title: 'Wing FTP',
      input: { banner: ['220 Wing FTP Server ready...'] },
      expected: ['wing-ftp', null, 'high'],
    },
    {
      title: 'Wing FTP with version',
      input: { banner: ['220 Wing FTP Server 7.2.8 ready...'] },
      expected: ['wing-ftp', '7.2.8', 'high'],
    },
    {
      title: 'CrushFTP',
      input: { banner: ['220 CrushFTP Server Ready!'] },
      expected: ['crushftp', null, 'high'],
    },
    {
      title: 'Cerberus',
      input: {
        banner: [
          '220-Cerberus FTP Server - Home Edition',
          '220-This is the UNLICENSED Home Edition and may be used for home, personal use only',
          '220-Welcome to Cerberus FTP Server',
          '220 Created by Cerberus, LLC',
        ],
      },
      expected: ['cerberus', null, 'high'],
    },
    {
      title: 'glFTPd',
      input: { banner: ['220 nettrap (glFTPd 2.11 Linux+TLS)'] },
      expected: ['glftpd', '2.11', 'high'],
    },
    {
      title: 'Twisted',
      input: { banner: ['220 Twisted 22.10.0 FTP Server'] },
      expected: ['twisted', '22.10.0', 'high'],
    },
    {
      title: 'Apache FtpServer by SYST',
      input: { banner: ['220 Service ready for new user.'], syst: ['215 UNIX Type: Apache FtpServer'] },
      expected: ['apache-ftpserver', null, 'high'],
    },
    {
      title: 'Apache FtpServer greeting alone is only a hint (RFC 959 wording)',
      input: { banner: ['220 Service ready for new user.'] },
      expected: ['apache-ftpserver', null, 'low'],
    },
    {
      title: 'ftp-srv with anonymous logins',
      input: { banner: ['220 Features: a .'] },
      expected: ['ftp-srv', null, 'medium'],
    },
    {
      title: 'ftp-srv default greeting',
      input: { banner: ['220 Ready'] },
      expected: ['ftp-srv', null, 'low'],
    },
    {
      title: 'wu-ftpd',
      input: { banner: ['220 ubuntu FTP server (Version wu-2.6.2(1) Tue Jul 31 23:25:21 GMT 2007) ready.'] },
      expected: ['wu-ftpd', '2.6.2', 'high'],
    },
    {
      title: 'Titan FTP',
      input: { banner: ['220 Titan FTP Server 10.47.1892 Ready.'] },
      expected: ['titan-ftp', '10.47.1892', 'high'],
    },
    {
      title: 'Gene6',
      input: { banner: ['220 Gene6 FTP Server v3.10.0 (Build 2) ready...'] },
      expected: ['gene6', '3.10.0', 'high'],
    },
    {
      title: 'bftpd',
      input: { banner: ['220 bftpd 5.7 at 192.0.2.1 ready.'] },
      expected: ['bftpd', '5.7', 'high'],
    },
    {
      title: 'Xlight',
      input: { banner: ['220 Xlight FTP Server 3.9 ready...'] },
      expected: ['xlight', '3.9', 'high'],
    },
    {
      title: 'GNU inetutils',
      input: { banner: ['220 pos1 FTP server (GNU inetutils 1.3b) ready.'] },
      expected: ['inetutils-ftpd', '1.3b', 'high'],
    },
    {
      title: 'MikroTik',
      input: { banner: ['220 MikroTik FTP server (MikroTik 6.39.2) ready'] },
      expected: ['mikrotik', '6.39.2', 'high'],
    },
  ])('$title', ({ input, expected }) => {
    const banner = reply(...input.banner);
    const syst = 'syst' in input && input.syst ? reply(...input.syst) : null;
    const fingerprint = fingerprintServer({ banner, syst, features: [] });
    expect([fingerprint.software, fingerprint.version, fingerprint.confidence]).toEqual(expected);
    expect(fingerprint.basis.length).toBeGreaterThan(0);
  });
});

describe('fingerprintServer does not guess', () => {
  it.each([
    { title: 'no evidence at all', input: { banner: null, syst: null } },
    {
      title: 'a custom banner and the usual SYST',
      input: { banner: '220 Welcome', syst: '215 UNIX Type: L8' },
    },
    { title: 'a generic greeting', input: { banner: '220 FTP server ready.', syst: null } },
  ])('$title → unknown', ({ input }) => {
    const fingerprint = fingerprintServer({
      banner: input.banner ? reply(input.banner) : null,
      syst: input.syst ? reply(input.syst) : null,
      features: ['EPSV', 'PASV', 'SIZE'],
      help: null,
    });
    expect(fingerprint).toEqual({
      software: 'unknown',
      displayName: 'unknown',
      version: null,
      confidence: 'none',
      basis: [],
    });
  });

  it('does not copy an implausible version out of server text', () => {
    const fingerprint = fingerprintServer({
      banner: reply(`220 (vsFTPd 3${'0'.repeat(80)})`),
      syst: null,
      features: [],
    });
    expect(fingerprint.software).toBe('vsftpd');
    expect(fingerprint.version).toBeNull();
  });

  it('prefers the product the banner names over an indirect hint', () => {
    const fingerprint = fingerprintServer({
      banner: reply('220 ProFTPD Server (Debian) [::1]'),
      syst: reply('215 Windows_NT'),
      features: [],
    });
    expect(fingerprint.software).toBe('proftpd');
    expect(fingerprint.basis).toEqual(['banner']);
  });
});
