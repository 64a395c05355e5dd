import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEHAVIOUR_SIGNALS } from '../../src/knowledge/servers/behaviourSignals.js';
import { fingerprintServer, SIGNAL_ROWS } from '../../src/knowledge/servers/fingerprint.js';
import { GREETING_SIGNATURES } from '../../src/knowledge/servers/greetingSignatures.js';
import type { ObservedReply } from '../../src/knowledge/servers/observedReplies.js';
import type { LoginPhase, SignalRow } from '../../src/knowledge/servers/signalRow.js';
import {
  baseSoftware,
  isSoftwareId,
  SOFTWARE,
  SOFTWARE_IDS,
  type SoftwareId,
} from '../../src/knowledge/servers/softwareIds.js';
import type { Reply } from '../../src/protocol/types.js';
import { reply as replyOf } from '../support/replies.js';

/** reply frames one reply from raw lines joined with \n, the way the probe would receive it. */
const reply = (text: string): Reply => replyOf(...text.split('\n'));

const greeting = (text: string): ObservedReply => ({
  command: null,
  phase: 'before-login',
  reply: reply(text),
});
const answer = (command: string, text: string, phase: LoginPhase = 'after-login'): ObservedReply => ({
  command,
  phase,
  reply: reply(text),
});

/**
 * A capture in test/fixtures/banners/*-neutral.txt: `# ` comment lines saying how it was made, then
 * one section per reply, `[greeting]` or `[COMMAND]`, holding the reply's raw lines. The login
 * phase follows the same rule as observedReplies: logged in after a 230 to USER or PASS, and a
 * SYST or FEAT asked a second time before the login step was asked after it.
 */
function neutralCapture(name: string): ObservedReply[] {
  const text = readFileSync(new URL(`../fixtures/banners/${name}`, import.meta.url), 'utf8');
  const sections: { command: string | null; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    const header = /^\[(\w+)(?: ALL)?\]$/.exec(line);
    if (header) sections.push({ command: header[1] === 'greeting' ? null : header[1]!, lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  let loggedIn = false;
  const asked = new Set<string>();
  return sections.map(({ command, lines }) => {
    const repeated = command !== null && (command === 'SYST' || command === 'FEAT') && asked.has(command);
    if (command !== null) asked.add(command);
    const observed: ObservedReply = {
      command,
      phase: loggedIn || repeated ? 'after-login' : 'before-login',
      reply: reply(lines.join('\n')),
    };
    if ((command === 'USER' || command === 'PASS') && observed.reply.code === 230) loggedIn = true;
    return observed;
  });
}

const familyOf = (id: SoftwareId): SoftwareId => baseSoftware(id) ?? id;

describe('the software table', () => {
  it('every appliance runs a daemon the table knows, and every id has at least one signal row', () => {
    for (const id of SOFTWARE_IDS) {
      const base = (SOFTWARE[id] as { basedOn?: string }).basedOn;
      if (base !== undefined) expect(isSoftwareId(base), `${id} basedOn ${base}`).toBe(true);
      expect(
        SIGNAL_ROWS.some((row) => row.software === id),
        `${id} has no signature`,
      ).toBe(true);
    }
  });

  it('holds at least 60 products named by their greeting or SYST, at least three of every kind', () => {
    const named = new Set(
      GREETING_SIGNATURES.filter((row) => row.weight === 'names').map((row) => row.software),
    );
    expect(named.size).toBeGreaterThanOrEqual(60);
    const kinds = new Map<string, number>();
    for (const id of named) kinds.set(SOFTWARE[id].kind, (kinds.get(SOFTWARE[id].kind) ?? 0) + 1);
    for (const kind of ['unix-daemon', 'windows-server', 'nas', 'router', 'printer', 'device', 'library'])
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(3);
  });
});

describe('every signal row', () => {
  it.each(
    SIGNAL_ROWS.map((row) => ({
      title: `${row.software}: ${row.label} (${row.example.split('\n')[0]})`,
      row,
    })),
  )('$title matches its own example and carries a source', ({ row }) => {
    const example = reply(row.example);
    expect(row.codes === undefined || row.codes.includes(example.code)).toBe(true);
    expect(row.pattern.exec(example.text.trim())).not.toBeNull();
    expect(row.source.length).toBeGreaterThan(10);
  });
});

/** observationFor replays a row's example as the reply it was seen as. */
function observationFor(row: SignalRow): ObservedReply {
  if (row.on === 'greeting') return greeting(row.example);
  return answer(row.on, row.example, row.phase ?? 'after-login');
}

describe('no example is named as another product', () => {
  // Issue: a wrong name is worse than none. Each example alone, through the whole fingerprint.
  it.each(SIGNAL_ROWS.map((row) => ({ title: `${row.software}: ${row.example.split('\n')[0]}`, row })))(
    '$title',
    ({ row }) => {
      const fingerprint = fingerprintServer([observationFor(row)]);
      if (fingerprint.software !== 'unknown') {
        expect(familyOf(fingerprint.software as SoftwareId)).toBe(familyOf(row.software));
      }
      // No row of an unrelated product matches a 'names' or 'distinctive' example at all.
      if (row.weight !== 'supporting') {
        const observed = observationFor(row);
        const others = SIGNAL_ROWS.filter(
          (other) =>
            familyOf(other.software) !== familyOf(row.software) &&
            (other.on === 'greeting' ? observed.command === null : other.on === observed.command) &&
            (other.codes === undefined || other.codes.includes(observed.reply.code)) &&
            other.pattern.test(observed.reply.text.trim()),
        );
        expect(others.map((other) => `${other.software}: ${other.label}`)).toEqual([]);
      }
    },
  );

  it('each greeting signature names its product with high confidence, and the version when shown', () => {
    for (const row of GREETING_SIGNATURES.filter((r) => r.weight === 'names' && r.on === 'greeting')) {
      const fingerprint = fingerprintServer([greeting(row.example)]);
      expect(fingerprint.software, row.example).toBe(row.software);
      expect(fingerprint.confidence, row.example).toBe('high');
      if (row.versionGroup !== undefined) {
        const shown = row.pattern.exec(reply(row.example).text.trim())?.[row.versionGroup];
        if (shown !== undefined) expect(fingerprint.version, row.example).toBe(shown);
      }
    }
  });
});

describe('behavioural fingerprints of the real servers behind a neutral greeting', () => {
  // Captured from the real daemons with their banners replaced (ftpd_banner, ServerIdent, -F).
  it.each([
    {
      file: 'vsftpd-neutral.txt',
      software: 'vsftpd',
      labels: [
        'FEAT layout',
        '530 to SYST before login',
        '331 wording',
        'listing wording',
        'EPSV ALL wording',
      ],
    },
    {
      file: 'proftpd-neutral.txt',
      software: 'proftpd',
      labels: [
        'FEAT layout (CSID, RANG STREAM)',
        '331 anonymous wording',
        '230 anonymous wording',
        'listing wording',
        'EPSV ALL wording',
      ],
    },
    {
      file: 'pure-ftpd-neutral.txt',
      software: 'pure-ftpd',
      labels: [
        'greeting layout',
        'FEAT layout (ESTA, ESTP)',
        '230 to USER anonymous',
        '229 wording',
        'QUIT wording',
      ],
    },
  ])('$software is named with high confidence from its behaviour', ({ file, software, labels }) => {
    const replies = neutralCapture(file);
    expect(replies[0]?.reply.text).toContain('Welcome to ACME file transfer');
    const fingerprint = fingerprintServer(replies);
    expect(fingerprint.software).toBe(software);
    expect(fingerprint.confidence).toBe('high');
    expect(fingerprint.version).toBeNull();
    const found = fingerprint.signals.map((signal) => signal.label);
    for (const label of labels) expect(found).toContain(label);
    expect(fingerprint.signals.every((signal) => signal.weight !== 'names')).toBe(true);
  });

  it('vsftpd is not ruled out by the SYST it answers after login', () => {
    const replies = neutralCapture('vsftpd-neutral.txt');
    const syst = replies.filter((observed) => observed.command === 'SYST');
    expect(syst.map((observed) => [observed.reply.code, observed.phase])).toEqual([
      [530, 'before-login'],
      [215, 'after-login'],
    ]);
  });

  it('one distinctive behaviour alone gives medium, supporting ones alone low', () => {
    expect(fingerprintServer([answer('USER', '331 Please specify the password.')])).toMatchObject({
      software: 'vsftpd',
      confidence: 'medium',
    });
    expect(fingerprintServer([answer('USER', '331 Password required for alice')]).confidence).toBe('none');
    expect(fingerprintServer([greeting('220 Service ready for new user.')])).toMatchObject({
      software: 'apache-ftpserver',
      confidence: 'low',
    });
  });
});

describe('HELP, SITE HELP and STAT, when a deeper probe asks them', () => {
  // Replies of the real daemons behind a neutral greeting (captured with a raw client).
  it.each([
    {
      software: 'vsftpd',
      replies: [
        answer(
          'STAT',
          '211-FTP server status:\n     Logged in as ftp\n     vsFTPd 3.0.3 - secure, fast, stable\n211 End of status',
        ),
        answer('HELP', '214-The following commands are recognized.\n ABOR ACCT ALLO APPE\n214 Help OK.'),
      ],
      version: '3.0.3',
    },
    {
      software: 'proftpd',
      replies: [
        answer(
          'HELP',
          "214-The following commands are recognized (* =>'s unimplemented):\n CWD     XCWD\n214 Direct comments to root@127.70.4.1",
        ),
        answer(
          'SITE',
          "214-The following SITE commands are recognized (* =>'s unimplemented)\n HELP\n214 Direct comments to root@127.70.4.1",
        ),
        answer('STAT', "211-Status of 'ftp-doctor test server'\n Logged in as ftp\n211 End of status"),
      ],
      version: null,
    },
    {
      software: 'pure-ftpd',
      replies: [
        answer('STAT', "530 You aren't logged in", 'before-login'),
        answer('STAT', '211 https://www.pureftpd.org/'),
      ],
      version: null,
    },
  ])('$software', ({ software, replies, version }) => {
    const fingerprint = fingerprintServer([greeting('220 Welcome to ACME file transfer'), ...replies]);
    expect(fingerprint).toMatchObject({ software, confidence: 'high', version });
  });
});

describe('fingerprintServer does not guess', () => {
  it.each([
    ['a neutral greeting', [greeting('220 Welcome to ACME file transfer')]],
    ['nothing at all', []],
    // Recog keeps this one to assert nothing: a common edit that imitates Serv-U.
    ['a greeting imitating Serv-U', [greeting('220 Welcom to Serv-U FTP Server')]],
    ['a generic host greeting', [greeting('220 ftp.example.com FTP server (Version 1.2) ready.')]],
    ['RFC wording shared by many', [greeting('220 FTP server ready.'), answer('QUIT', '221 Goodbye.')]],
    [
      // The fake server's defaults: vsftpd's 331 and 230 wording, but SYST answered before login,
      // which vsftpd never does.
      'vsftpd wording from a server that answers SYST before login',
      [
        greeting('220 Ready.'),
        answer('SYST', '215 UNIX Type: L8', 'before-login'),
        answer('USER', '331 Please specify the password.', 'before-login'),
        answer('PASS', '230 Login successful.', 'before-login'),
        answer('EPSV', '200 EPSV ALL ok.'),
      ],
    ],
    [
      'behaviours of two products that contradict each other equally',
      [
        answer('USER', '331 Please specify the password.', 'before-login'),
        answer('EPSV', '229 Extended Passive mode OK (|||40001|)'),
      ],
    ],
  ] as const)('%s → unknown', (_title, replies) => {
    expect(fingerprintServer(replies)).toMatchObject({
      software: 'unknown',
      confidence: 'none',
      signals: [],
    });
  });

  it('a reply two products share counts as supporting evidence only', () => {
    // "230 Login successful." is vsftpd's and pyftpdlib's.
    const shared = fingerprintServer([answer('PASS', '230 Login successful.')]);
    expect(shared.confidence).toBe('none');
  });

  it('a greeting that names the product wins over contradicting behaviour, at a lower confidence', () => {
    const fingerprint = fingerprintServer([
      greeting('220 (vsFTPd 3.0.5)'),
      answer('USER', '331 User anonymous OK. Password required', 'before-login'),
    ]);
    expect(fingerprint).toMatchObject({ software: 'vsftpd', version: '3.0.5', confidence: 'high' });
  });

  it('an appliance that names itself wins over the daemon it runs, and keeps its own name', () => {
    const fingerprint = fingerprintServer([
      greeting('220 NASFTPD Turbo station 1.3.5a Server (ProFTPD) [192.168.1.100]'),
      answer(
        'USER',
        '331 Anonymous login ok, send your complete email address as your password',
        'before-login',
      ),
    ]);
    expect(fingerprint).toMatchObject({ software: 'qnap-qts', displayName: 'QNAP QTS', confidence: 'high' });
    expect(fingerprint.signals.map((signal) => signal.label)).toContain('331 anonymous wording');
  });

  it('copies a version only when it looks like one, and keeps server text in signals short', () => {
    const long = `220 (vsFTPd ${'9'.repeat(80)})`;
    expect(fingerprintServer([greeting(long)]).version).toBeNull();
    const noisy = fingerprintServer([greeting(`220 (vsFTPd 3.0.3) ${'x'.repeat(300)}\u0007`)]);
    expect(noisy.signals[0]!.reply.length).toBeLessThanOrEqual(101);
    expect(noisy.signals[0]!.reply).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('behaviour rows are specific', () => {
  it('the fake server neutral texts used by the greeting table match no row', async () => {
    const { NEUTRAL_REPLIES } = await import('../support/neutralReplies.js');
    for (const [command, text] of Object.entries(NEUTRAL_REPLIES)) {
      const observed = answer(command, text, 'before-login');
      const hits = BEHAVIOUR_SIGNALS.concat(GREETING_SIGNATURES).filter(
        (row) =>
          row.on === command &&
          (row.codes === undefined || row.codes.includes(observed.reply.code)) &&
          row.pattern.test(observed.reply.text.trim()),
      );
      expect(
        hits.map((row) => row.software),
        `${command} ${text}`,
      ).toEqual([]);
    }
  });
});
