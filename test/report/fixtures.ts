import type { ServerFingerprint } from '../../src/knowledge/servers/serverFingerprint.js';
import { rfc, type Sources } from '../../src/knowledge/sources.js';

/** FIXTURE_SOURCES: a citation for hand-made findings and fixes, which must name one like real ones. */
const FIXTURE_SOURCES: Sources = [rfc(959, '4.2.2')];

import type { Diagnosis, Finding, StepVerdict, TargetReport } from '../../src/knowledge/types.js';
import type {
  AnyStepRecord,
  Exchange,
  FailureInfo,
  FeaturesData,
  ProbeOptions,
  ProbeResult,
  StepDataMap,
  StepName,
  StepRecord,
  Target,
} from '../../src/probe/types.js';
import type { Reply, TranscriptEntry } from '../../src/protocol/types.js';

/**
 * Hand-built TargetReports for the renderer tests, shaped like what the probe and the diagnosis
 * produce. Reply texts are the ones the named servers really send.
 */

export { reply } from '../support/replies.js';

import { reply } from '../support/replies.js';

function exchange(
  command: string | null,
  replies: Reply[],
  durationMs: number,
  failure?: FailureInfo,
): Exchange {
  return failure ? { command, replies, durationMs, failure } : { command, replies, durationMs };
}

function ran<N extends StepName>(
  name: N,
  startedAtMs: number,
  durationMs: number,
  exchanges: Exchange[],
  data: StepDataMap[N],
): StepRecord<N> {
  return { name, ran: true, startedAtMs, durationMs, exchanges, data };
}

function skipped<N extends StepName>(name: N, reason: string, atMs: number): StepRecord<N> {
  return {
    name,
    ran: false,
    skippedReason: reason,
    startedAtMs: atMs,
    durationMs: 0,
    exchanges: [],
    data: null,
  };
}

/** transcriptOf replays the exchanges as the control-channel transcript, plus extra events. */
function transcriptOf(steps: readonly AnyStepRecord[], events: TranscriptEntry[] = []): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [...events];
  for (const step of steps) {
    let at = step.startedAtMs;
    for (const ex of step.exchanges) {
      if (ex.command !== null)
        entries.push({ direction: 'sent', text: ex.command, atMs: at, channel: 'control' });
      at += ex.durationMs;
      for (const r of ex.replies) {
        for (const line of r.lines)
          entries.push({ direction: 'received', text: line, atMs: at, channel: 'control' });
      }
    }
  }
  return entries.sort((a, b) => a.atMs - b.atMs);
}

const baseOptions: Omit<ProbeOptions, 'password'> = {
  user: 'anonymous',
  account: null,
  tls: 'auto',
  family: null,
  connectTimeoutMs: 5000,
  replyTimeoutMs: 10000,
  dataTimeoutMs: 5000,
  deadlineMs: 60000,
  samples: 1,
  active: false,
  trustPasvAddress: false,
  insecure: false,
  ca: null,
  allAddresses: false,
  scanRange: null,
};

function target(input: string, fields: Partial<Target> & Pick<Target, 'host' | 'port'>): Target {
  return { input, scheme: 'ftp', user: null, urlPassword: null, path: null, ...fields };
}

const VSFTPD_FEAT = reply(
  '211-Features:',
  ' AUTH TLS',
  ' EPRT',
  ' EPSV',
  ' MDTM',
  ' PASV',
  ' PBSZ',
  ' PROT',
  ' REST STREAM',
  ' SIZE',
  ' TVFS',
  ' UTF8',
  '211 End',
);

const VSFTPD_FEAT_NO_TLS = reply(
  '211-Features:',
  ' EPRT',
  ' EPSV',
  ' MDTM',
  ' PASV',
  ' REST STREAM',
  ' SIZE',
  ' TVFS',
  ' UTF8',
  '211 End',
);

function featureLines(feat: Reply): string[] {
  return feat.lines.slice(1, -1).map((line) => line.trim());
}

function vsftpdFeatures(feat: Reply): FeaturesData {
  return {
    feat,
    features: featureLines(feat),
    featuresAfterLogin: null,
    syst: reply('530 Please login with USER and PASS.'),
    authTlsOffered: feat.lines.includes(' AUTH TLS'),
    help: null,
  };
}

const VSFTPD: ServerFingerprint = {
  software: 'vsftpd',
  displayName: 'vsftpd',
  version: '3.0.3',
  confidence: 'high',
  basis: ['banner', 'feat'],
  signals: [],
};

const PROFTPD: ServerFingerprint = {
  software: 'proftpd',
  displayName: 'ProFTPD',
  version: '1.3.8b',
  confidence: 'high',
  basis: ['banner', 'feat'],
  signals: [],
};

const UNKNOWN_SERVER: ServerFingerprint = {
  software: 'unknown',
  displayName: 'unknown server',
  version: null,
  confidence: 'none',
  basis: [],
  signals: [],
};

const notRequested = 'not requested (use --active)';

function diagnosis(
  server: ServerFingerprint,
  steps: readonly StepVerdict[],
  findings: Finding[],
  verdict: Diagnosis['verdict'],
): Diagnosis {
  return { server, steps, findings, verdict };
}

// ---------------------------------------------------------------------------------------------
// 1. A healthy vsftpd 3.0.3 with a Let's Encrypt certificate, probed as a named user.

const healthySteps: AnyStepRecord[] = [
  ran('resolve', 0, 4, [], {
    host: 'ftp.example.com',
    addresses: [
      { address: '203.0.113.10', family: 4 },
      { address: '2001:db8::10', family: 6 },
    ],
    chosen: '203.0.113.10',
  }),
  ran('connect', 4, 23, [], {
    address: '203.0.113.10',
    port: 21,
    family: 4,
    localAddress: '192.168.1.20',
    implicitTls: false,
  }),
  ran('banner', 27, 22, [exchange(null, [reply('220 (vsFTPd 3.0.3)')], 22)], {
    preliminary: [],
    greeting: reply('220 (vsFTPd 3.0.3)'),
  }),
  ran(
    'features',
    49,
    46,
    [
      exchange('FEAT', [VSFTPD_FEAT], 23),
      exchange('SYST', [reply('530 Please login with USER and PASS.')], 23),
    ],
    vsftpdFeatures(VSFTPD_FEAT),
  ),
  ran(
    'tls',
    95,
    65,
    [
      exchange('AUTH TLS', [reply('234 Proceed with negotiation.')], 21),
      exchange('PBSZ 0', [reply('200 PBSZ set to 0.')], 3),
      exchange('PROT P', [reply('200 PROT now Private.')], 3),
    ],
    {
      mode: 'auto',
      attempted: true,
      authReply: reply('234 Proceed with negotiation.'),
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      handshakeMs: 38,
      certificate: {
        subject: 'CN=ftp.example.com',
        subjectAltNames: ['DNS:ftp.example.com', 'DNS:www.example.com'],
        issuer: "C=US, O=Let's Encrypt, CN=R11",
        validFrom: 'Jan 10 08:12:40 2025 GMT',
        validTo: 'Apr 10 08:12:39 2025 GMT',
        daysLeft: 61,
        selfSigned: false,
        fingerprint256:
          '3A:1F:9C:44:0B:7E:D2:58:6A:90:C1:2B:E4:77:13:5D:AF:08:62:39:BC:E1:4D:95:0F:7A:28:C6:53:1E:84:B2',
      },
      trusted: true,
      trustError: null,
      nameMatches: true,
      pbszReply: reply('200 PBSZ set to 0.'),
      protReply: reply('200 PROT now Private.'),
      dataProtection: 'private',
    },
  ),
  ran(
    'login',
    160,
    70,
    [
      exchange('USER deploy', [reply('331 Please specify the password.')], 22),
      exchange('PASS ****', [reply('230 Login successful.')], 26),
      exchange('SYST', [reply('215 UNIX Type: L8')], 22),
    ],
    { user: 'deploy', anonymous: false, loggedIn: true, finalReply: reply('230 Login successful.') },
  ),
  ran('epsv', 230, 60, [exchange('EPSV', [reply('229 Entering Extended Passive Mode (|||40011|)')], 22)], {
    reply: reply('229 Entering Extended Passive Mode (|||40011|)'),
    port: 40011,
    parseError: null,
    portTest: { host: '203.0.113.10', port: 40011, outcome: 'open', durationMs: 21 },
    samples: [{ reply: reply('229 Entering Extended Passive Mode (|||40011|)'), port: 40011 }],
    epsvAll: null,
  }),
  ran('pasv', 290, 60, [exchange('PASV', [reply('227 Entering Passive Mode (203,0,113,10,156,76).')], 23)], {
    reply: reply('227 Entering Passive Mode (203,0,113,10,156,76).'),
    advertisedHost: '203.0.113.10',
    port: 40012,
    addressClass: 'same',
    parseError: null,
    portTest: { host: '203.0.113.10', port: 40012, outcome: 'open', durationMs: 22 },
    advertisedPortTest: null,
    samples: [{ reply: reply('227 Entering Passive Mode (203,0,113,10,156,76).'), port: 40012 }],
  }),
  ran(
    'transfer',
    350,
    70,
    [
      exchange('EPSV', [reply('229 Entering Extended Passive Mode (|||40057|)')], 21),
      exchange('LIST', [reply('150 Here comes the directory listing.'), reply('226 Directory send OK.')], 47),
    ],
    {
      command: 'LIST',
      via: 'epsv',
      dataHost: '203.0.113.10',
      dataPort: 40057,
      preliminaryReply: reply('150 Here comes the directory listing.'),
      finalReply: reply('226 Directory send OK.'),
      bytes: 189,
      entries: 3,
      preview: [
        'drwxr-xr-x    2 1001     1001         4096 Feb 03 09:14 incoming',
        'drwxr-xr-x    5 1001     1001         4096 Jan 28 17:40 releases',
        '-rw-r--r--    1 1001     1001          612 Jan 10 08:30 README.txt',
      ],
      protectedByTls: true,
      tlsSessionReused: true,
      reuseRequired: true,
      dataConnected: true,
    },
  ),
  skipped('active', notRequested, 420),
  skipped('scan', 'not requested (use --scan-range)', 420),
  ran('quit', 420, 20, [exchange('QUIT', [reply('221 Goodbye.')], 20)], { reply: reply('221 Goodbye.') }),
];

const healthyProbe: ProbeResult = {
  target: target('ftp://deploy@ftp.example.com', { host: 'ftp.example.com', port: 21, user: 'deploy' }),
  options: { ...baseOptions, user: 'deploy' },
  startedAt: '2025-02-08T09:30:00.000Z',
  durationMs: 440,
  steps: healthySteps,
  transcript: transcriptOf(healthySteps, [
    {
      direction: 'event',
      text: 'connected to 203.0.113.10:21 from 192.168.1.20',
      atMs: 27,
      channel: 'control',
    },
    {
      direction: 'event',
      text: 'TLS handshake done: TLSv1.3 TLS_AES_256_GCM_SHA384',
      atMs: 154,
      channel: 'control',
    },
    { direction: 'event', text: 'data connection to 203.0.113.10:40057 open', atMs: 372, channel: 'data' },
  ]),
  interrupted: null,
};

/** healthyVsftpd: everything works; one informational finding. Exit 0. */
export const healthyVsftpd: TargetReport = {
  probe: healthyProbe,
  diagnosis: diagnosis(
    VSFTPD,
    [
      { name: 'resolve', status: 'ok', summary: 'ftp.example.com → 203.0.113.10, 2001:db8::10' },
      { name: 'connect', status: 'ok', summary: 'connected to 203.0.113.10:21' },
      { name: 'banner', status: 'ok', summary: '220 (vsFTPd 3.0.3)' },
      { name: 'features', status: 'ok', summary: 'vsftpd 3.0.3; AUTH TLS offered; 11 features' },
      { name: 'tls', status: 'ok', summary: 'TLSv1.3, certificate trusted, 61 days left' },
      { name: 'login', status: 'ok', summary: 'logged in as deploy' },
      { name: 'epsv', status: 'ok', summary: 'EPSV → port 40011, open (21 ms)' },
      { name: 'pasv', status: 'ok', summary: 'PASV → 203.0.113.10:40012, same address, open (22 ms)' },
      { name: 'transfer', status: 'ok', summary: 'LIST over EPSV: 3 entries, 189 bytes, TLS-protected' },
      { name: 'active', status: 'skipped', summary: notRequested },
      { name: 'scan', status: 'skipped', summary: 'not requested (use --scan-range)' },
      { name: 'quit', status: 'ok', summary: '221 Goodbye.' },
    ],
    [
      {
        id: 'features.no-mlsd',
        sources: FIXTURE_SOURCES,
        severity: 'info',
        step: 'features',
        title: 'The server does not offer MLSD',
        detail:
          'FEAT lists no MLST, so clients fall back to LIST, whose format differs between servers. ' +
          'Most clients cope; scripts that parse listings are more robust with MLSD.',
        evidence: [{ kind: 'reply', command: 'FEAT', code: 211, text: VSFTPD_FEAT.text }],
        fixes: [],
        exitCode: 0,
      },
    ],
    {
      status: 'healthy',
      exitCode: 0,
      headline: 'ftp.example.com works: TLS, login, EPSV, PASV and a directory listing all succeeded.',
    },
  ),
};

// ---------------------------------------------------------------------------------------------
// 2. vsftpd hands out passive ports 40000–40200, the firewall opens only 40000–40100: EPSV drew
//    40011 (open), PASV drew 40140, which the firewall drops. The classic "works sometimes".

const pasvSteps: AnyStepRecord[] = [
  ran('resolve', 0, 3, [], {
    host: 'files.example.org',
    addresses: [{ address: '198.51.100.7', family: 4 }],
    chosen: '198.51.100.7',
  }),
  ran('connect', 3, 31, [], { address: '198.51.100.7', port: 21, family: 4, implicitTls: false }),
  ran('banner', 34, 30, [exchange(null, [reply('220 (vsFTPd 3.0.3)')], 30)], {
    preliminary: [],
    greeting: reply('220 (vsFTPd 3.0.3)'),
  }),
  ran(
    'features',
    64,
    62,
    [
      exchange('FEAT', [VSFTPD_FEAT_NO_TLS], 31),
      exchange('SYST', [reply('530 Please login with USER and PASS.')], 31),
    ],
    vsftpdFeatures(VSFTPD_FEAT_NO_TLS),
  ),
  ran('tls', 126, 0, [], {
    mode: 'auto',
    attempted: false,
    authReply: null,
    protocol: null,
    cipher: null,
    handshakeMs: null,
    certificate: null,
    trusted: null,
    trustError: null,
    nameMatches: null,
    pbszReply: null,
    protReply: null,
    dataProtection: 'clear',
  }),
  ran(
    'login',
    126,
    63,
    [
      exchange('USER anonymous', [reply('331 Please specify the password.')], 31),
      exchange('PASS ****', [reply('230 Login successful.')], 32),
    ],
    { user: 'anonymous', anonymous: true, loggedIn: true, finalReply: reply('230 Login successful.') },
  ),
  ran('epsv', 189, 62, [exchange('EPSV', [reply('229 Entering Extended Passive Mode (|||40011|)')], 31)], {
    reply: reply('229 Entering Extended Passive Mode (|||40011|)'),
    port: 40011,
    parseError: null,
    portTest: { host: '198.51.100.7', port: 40011, outcome: 'open', durationMs: 31 },
    samples: [{ reply: reply('229 Entering Extended Passive Mode (|||40011|)'), port: 40011 }],
    epsvAll: null,
  }),
  ran(
    'pasv',
    251,
    5034,
    [exchange('PASV', [reply('227 Entering Passive Mode (198,51,100,7,156,204).')], 31)],
    {
      reply: reply('227 Entering Passive Mode (198,51,100,7,156,204).'),
      advertisedHost: '198.51.100.7',
      port: 40140,
      addressClass: 'same',
      parseError: null,
      portTest: {
        host: '198.51.100.7',
        port: 40140,
        outcome: 'filtered',
        errno: 'ETIMEDOUT',
        durationMs: 5003,
      },
      advertisedPortTest: null,
      samples: [{ reply: reply('227 Entering Passive Mode (198,51,100,7,156,204).'), port: 40140 }],
      failure: {
        kind: 'transport',
        channel: 'data',
        failure: 'timeout',
        errno: 'ETIMEDOUT',
        message: 'no answer from 198.51.100.7:40140 within 5000 ms',
      },
    },
  ),
  ran(
    'transfer',
    5285,
    96,
    [
      exchange('EPSV', [reply('229 Entering Extended Passive Mode (|||40023|)')], 31),
      exchange('LIST', [reply('150 Here comes the directory listing.'), reply('226 Directory send OK.')], 64),
    ],
    {
      command: 'LIST',
      via: 'epsv',
      dataHost: '198.51.100.7',
      dataPort: 40023,
      preliminaryReply: reply('150 Here comes the directory listing.'),
      finalReply: reply('226 Directory send OK.'),
      bytes: 67,
      entries: 1,
      preview: ['drwxr-xr-x    4 0        0            4096 Nov 12 14:02 pub'],
      protectedByTls: false,
      tlsSessionReused: null,
      reuseRequired: null,
      dataConnected: true,
    },
  ),
  skipped('active', notRequested, 5381),
  skipped('scan', 'not requested (use --scan-range)', 5381),
  ran('quit', 5381, 30, [exchange('QUIT', [reply('221 Goodbye.')], 30)], { reply: reply('221 Goodbye.') }),
];

const passiveRangeFixes = [
  {
    audience: 'firewall',
    dialect: 'iptables',
    sources: FIXTURE_SOURCES,
    title: 'Open the whole passive range vsftpd uses',
    text: 'iptables -A INPUT -p tcp --dport 40000:40200 -m conntrack --ctstate NEW -j ACCEPT',
  },
  {
    audience: 'firewall',
    dialect: 'nftables',
    sources: FIXTURE_SOURCES,
    title: 'Open the whole passive range vsftpd uses',
    text: 'nft add rule inet filter input tcp dport 40000-40200 ct state new accept',
  },
  {
    audience: 'firewall',
    dialect: 'ufw',
    sources: FIXTURE_SOURCES,
    title: 'Open the whole passive range vsftpd uses',
    text: 'ufw allow 40000:40200/tcp',
  },
  {
    audience: 'firewall',
    dialect: 'firewalld',
    sources: FIXTURE_SOURCES,
    title: 'Open the whole passive range vsftpd uses',
    text: 'firewall-cmd --permanent --add-port=40000-40200/tcp\nfirewall-cmd --reload',
  },
  {
    audience: 'firewall',
    dialect: 'windows',
    sources: FIXTURE_SOURCES,
    title: 'Open the whole passive range in Windows Defender Firewall',
    text: 'netsh advfirewall firewall add rule name="FTP passive" dir=in action=allow protocol=TCP localport=40000-40200',
  },
  {
    audience: 'firewall',
    dialect: 'aws',
    sources: FIXTURE_SOURCES,
    title: 'Allow the passive range in the security group',
    text: 'aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 40000-40200 --cidr 0.0.0.0/0',
  },
  {
    audience: 'server',
    dialect: 'vsftpd',
    sources: FIXTURE_SOURCES,
    title: 'Or shrink vsftpd to the ports the firewall already opens (/etc/vsftpd.conf)',
    text: 'pasv_enable=YES\npasv_min_port=40000\npasv_max_port=40100',
  },
  {
    audience: 'server',
    dialect: 'proftpd',
    sources: FIXTURE_SOURCES,
    title: 'Or shrink ProFTPD to the ports the firewall already opens (proftpd.conf)',
    text: 'PassivePorts 40000 40100',
  },
] as const;

/** pasvFiltered: PASV drew a port the firewall drops; EPSV and the listing work. Exit 8. */
export const pasvFiltered: TargetReport = {
  probe: {
    target: target('files.example.org', { host: 'files.example.org', port: 21 }),
    options: baseOptions,
    startedAt: '2025-02-08T09:31:10.000Z',
    durationMs: 5411,
    steps: pasvSteps,
    transcript: transcriptOf(pasvSteps, [
      { direction: 'event', text: 'connected to 198.51.100.7:21', atMs: 34, channel: 'control' },
      {
        direction: 'event',
        text: 'data port 198.51.100.7:40140: no answer after 5000 ms',
        atMs: 5285,
        channel: 'data',
      },
    ]),
    interrupted: null,
  },
  diagnosis: diagnosis(
    VSFTPD,
    [
      { name: 'resolve', status: 'ok', summary: 'files.example.org → 198.51.100.7' },
      { name: 'connect', status: 'ok', summary: 'connected to 198.51.100.7:21' },
      { name: 'banner', status: 'ok', summary: '220 (vsFTPd 3.0.3)' },
      { name: 'features', status: 'ok', summary: 'vsftpd 3.0.3; no AUTH TLS; 8 features' },
      { name: 'tls', status: 'warn', summary: 'not offered: the password travels in clear text' },
      { name: 'login', status: 'ok', summary: 'logged in as anonymous' },
      { name: 'epsv', status: 'ok', summary: 'EPSV → port 40011, open (31 ms)' },
      { name: 'pasv', status: 'fail', summary: 'PASV → 198.51.100.7:40140, filtered (no answer in 5000 ms)' },
      { name: 'transfer', status: 'ok', summary: 'LIST over EPSV: 1 entry, 67 bytes' },
      { name: 'active', status: 'skipped', summary: notRequested },
      { name: 'scan', status: 'skipped', summary: 'not requested (use --scan-range)' },
      { name: 'quit', status: 'ok', summary: '221 Goodbye.' },
    ],
    [
      {
        id: 'data.port-filtered',
        sources: FIXTURE_SOURCES,
        severity: 'error',
        step: 'pasv',
        title: 'PASV data port 40140 is filtered',
        detail:
          'The server offered port 40140 for a PASV data connection, but a connection attempt got no ' +
          'answer at all within 5000 ms: a firewall drops the packets. EPSV drew port 40011, which ' +
          'answers, so the firewall opens only part of the range the server uses. Clients that use ' +
          'PASV (FileZilla on IPv4) hang after login whenever they draw a port outside it.',
        evidence: [
          {
            kind: 'reply',
            command: 'PASV',
            code: 227,
            text: 'Entering Passive Mode (198,51,100,7,156,204).',
          },
          {
            kind: 'error',
            channel: 'data',
            failure: 'timeout',
            errno: 'ETIMEDOUT',
            message: 'no answer from 198.51.100.7:40140 within 5000 ms',
          },
        ],
        fixes: [...passiveRangeFixes],
        exitCode: 8,
      },
      {
        id: 'tls.not-offered',
        sources: FIXTURE_SOURCES,
        severity: 'warning',
        step: 'tls',
        title: 'The server does not offer TLS',
        detail: 'FEAT lists no AUTH TLS, so user names, passwords and files cross the network unencrypted.',
        evidence: [{ kind: 'reply', command: 'FEAT', code: 211, text: VSFTPD_FEAT_NO_TLS.text }],
        fixes: [
          {
            audience: 'server',
            dialect: 'vsftpd',
            sources: FIXTURE_SOURCES,
            title: 'Turn on explicit TLS (/etc/vsftpd.conf)',
            text:
              'ssl_enable=YES\nrsa_cert_file=/etc/letsencrypt/live/files.example.org/fullchain.pem\n' +
              'rsa_private_key_file=/etc/letsencrypt/live/files.example.org/privkey.pem\nforce_local_logins_ssl=YES',
          },
          {
            audience: 'server',
            dialect: 'proftpd',
            sources: FIXTURE_SOURCES,
            title: 'Turn on explicit TLS (proftpd.conf)',
            text: 'TLSEngine on\nTLSRequired on',
          },
        ],
        exitCode: 5,
      },
    ],
    {
      status: 'failed',
      exitCode: 8,
      headline: 'PASV data connections fail: port 40140 is filtered by a firewall (EPSV works).',
    },
  ),
};

// ---------------------------------------------------------------------------------------------
// 3. ProFTPD over explicit TLS (ftpes://) whose certificate expired eight days ago.

const PROFTPD_FEAT = reply(
  '211-Features:',
  ' AUTH TLS',
  ' CCC',
  ' CLNT',
  ' EPRT',
  ' EPSV',
  ' HOST',
  ' LANG en-US*',
  ' MDTM',
  ' MFMT',
  ' MLST modify*;perm*;size*;type*;unique*;UNIX.group*;UNIX.groupname*;UNIX.mode*;UNIX.owner*;UNIX.ownername*;',
  ' PBSZ',
  ' PROT',
  ' REST STREAM',
  ' SIZE',
  ' TVFS',
  '211 End',
);

const PROFTPD_BANNER = '220 ProFTPD 1.3.8b Server (Debian) [192.0.2.20]';

const tlsFailure: FailureInfo = {
  kind: 'transport',
  channel: 'control',
  failure: 'tls',
  errno: 'CERT_HAS_EXPIRED',
  message: 'certificate has expired',
};

const tlsSteps: AnyStepRecord[] = [
  ran('resolve', 0, 5, [], {
    host: 'secure.example.net',
    addresses: [{ address: '192.0.2.20', family: 4 }],
    chosen: '192.0.2.20',
  }),
  ran('connect', 5, 18, [], { address: '192.0.2.20', port: 21, family: 4, implicitTls: false }),
  ran('banner', 23, 41, [exchange(null, [reply(PROFTPD_BANNER)], 41)], {
    preliminary: [],
    greeting: reply(PROFTPD_BANNER),
  }),
  ran(
    'features',
    64,
    37,
    [exchange('FEAT', [PROFTPD_FEAT], 19), exchange('SYST', [reply('215 UNIX Type: L8')], 18)],
    {
      feat: PROFTPD_FEAT,
      features: featureLines(PROFTPD_FEAT),
      featuresAfterLogin: null,
      syst: reply('215 UNIX Type: L8'),
      authTlsOffered: true,
      help: null,
    },
  ),
  ran('tls', 101, 44, [exchange('AUTH TLS', [reply('234 AUTH TLS successful')], 18)], {
    mode: 'explicit',
    attempted: true,
    authReply: reply('234 AUTH TLS successful'),
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    handshakeMs: 26,
    certificate: {
      subject: 'CN=secure.example.net',
      subjectAltNames: ['DNS:secure.example.net'],
      issuer: "C=US, O=Let's Encrypt, CN=E5",
      validFrom: 'Nov 2 00:00:00 2024 GMT',
      validTo: 'Jan 31 23:59:59 2025 GMT',
      daysLeft: -8,
      selfSigned: false,
      fingerprint256:
        '9C:02:E7:1B:44:A5:3F:60:D8:12:7C:BE:05:93:4A:F1:6E:28:C0:7D:B3:59:1A:E4:82:0F:6B:D5:37:A9:C2:10',
    },
    trusted: false,
    trustError: 'certificate has expired',
    nameMatches: true,
    pbszReply: null,
    protReply: null,
    dataProtection: 'clear',
    failure: tlsFailure,
  }),
  skipped('login', 'the certificate is not trusted, so no credentials were sent (--insecure goes on)', 145),
  skipped('epsv', 'not logged in', 145),
  skipped('pasv', 'not logged in', 145),
  skipped('transfer', 'not logged in', 145),
  skipped('active', notRequested, 145),
  skipped('scan', 'not requested (use --scan-range)', 145),
  ran('quit', 145, 19, [exchange('QUIT', [reply('221 Goodbye.')], 19)], { reply: reply('221 Goodbye.') }),
];

/** tlsExpired: ftpes:// to ProFTPD whose certificate has expired. Exit 5. */
export const tlsExpired: TargetReport = {
  probe: {
    target: target('ftpes://secure.example.net', { scheme: 'ftpes', host: 'secure.example.net', port: 21 }),
    options: { ...baseOptions, tls: 'explicit' },
    startedAt: '2025-02-08T09:32:00.000Z',
    durationMs: 164,
    steps: tlsSteps,
    transcript: transcriptOf(tlsSteps, [
      {
        direction: 'event',
        text: 'TLS handshake done, certificate rejected: certificate has expired',
        atMs: 145,
        channel: 'control',
      },
    ]),
    interrupted: null,
  },
  diagnosis: diagnosis(
    PROFTPD,
    [
      { name: 'resolve', status: 'ok', summary: 'secure.example.net → 192.0.2.20' },
      { name: 'connect', status: 'ok', summary: 'connected to 192.0.2.20:21' },
      { name: 'banner', status: 'ok', summary: PROFTPD_BANNER },
      { name: 'features', status: 'ok', summary: 'ProFTPD 1.3.8b; AUTH TLS offered; 15 features' },
      { name: 'tls', status: 'fail', summary: 'certificate expired 8 days ago (Jan 31 23:59:59 2025 GMT)' },
      { name: 'login', status: 'skipped', summary: 'no credentials sent over an untrusted connection' },
      { name: 'epsv', status: 'skipped', summary: 'not logged in' },
      { name: 'pasv', status: 'skipped', summary: 'not logged in' },
      { name: 'transfer', status: 'skipped', summary: 'not logged in' },
      { name: 'active', status: 'skipped', summary: notRequested },
      { name: 'scan', status: 'skipped', summary: 'not requested (use --scan-range)' },
      { name: 'quit', status: 'ok', summary: '221 Goodbye.' },
    ],
    [
      {
        id: 'tls.cert-expired',
        sources: FIXTURE_SOURCES,
        severity: 'error',
        step: 'tls',
        title: 'The TLS certificate expired 8 days ago',
        detail:
          'The certificate for secure.example.net was valid until Jan 31 23:59:59 2025 GMT. Clients that ' +
          'check certificates refuse the connection; ftp-doctor sent no credentials.',
        evidence: [
          { kind: 'reply', command: 'AUTH TLS', code: 234, text: 'AUTH TLS successful' },
          {
            kind: 'error',
            channel: 'control',
            failure: 'tls',
            errno: 'CERT_HAS_EXPIRED',
            message: 'certificate has expired',
          },
        ],
        fixes: [
          {
            audience: 'server',
            dialect: 'generic',
            sources: FIXTURE_SOURCES,
            title: 'Renew the certificate',
            text: 'certbot renew --cert-name secure.example.net',
          },
          {
            audience: 'server',
            dialect: 'proftpd',
            sources: FIXTURE_SOURCES,
            title: 'Point ProFTPD at the renewed files and reload it (/etc/proftpd/tls.conf)',
            text:
              'TLSRSACertificateFile    /etc/letsencrypt/live/secure.example.net/fullchain.pem\n' +
              'TLSRSACertificateKeyFile /etc/letsencrypt/live/secure.example.net/privkey.pem\n' +
              '# then: systemctl reload proftpd',
          },
          {
            audience: 'client',
            dialect: 'curl',
            sources: FIXTURE_SOURCES,
            title: 'Only to confirm the rest works, skip the check for one run',
            text: 'curl --ssl-reqd --insecure ftp://secure.example.net/',
          },
        ],
        exitCode: 5,
      },
    ],
    {
      status: 'failed',
      exitCode: 5,
      headline: 'TLS fails: the certificate of secure.example.net expired on Jan 31 23:59:59 2025 GMT.',
    },
  ),
};

// ---------------------------------------------------------------------------------------------
// 4. Nothing listens on 192.0.2.50:2121: connect is refused, everything after it is skipped.

const refusal: FailureInfo = {
  kind: 'transport',
  channel: 'control',
  failure: 'refused',
  errno: 'ECONNREFUSED',
  message: 'connect ECONNREFUSED 192.0.2.50:2121',
};

const afterConnect = 'no control connection';

const refusedSteps: AnyStepRecord[] = [
  ran('resolve', 0, 0, [], {
    host: '192.0.2.50',
    addresses: [{ address: '192.0.2.50', family: 4 }],
    chosen: '192.0.2.50',
  }),
  ran('connect', 0, 2, [], {
    address: '192.0.2.50',
    port: 2121,
    family: 4,
    implicitTls: false,
    failure: refusal,
  }),
  skipped('banner', afterConnect, 2),
  skipped('features', afterConnect, 2),
  skipped('tls', afterConnect, 2),
  skipped('login', afterConnect, 2),
  skipped('epsv', afterConnect, 2),
  skipped('pasv', afterConnect, 2),
  skipped('transfer', afterConnect, 2),
  skipped('active', notRequested, 2),
  skipped('scan', 'not requested (use --scan-range)', 2),
  skipped('quit', afterConnect, 2),
];

/** connectionRefused: the control port answers with RST. Exit 3. */
export const connectionRefused: TargetReport = {
  probe: {
    target: target('192.0.2.50:2121', { host: '192.0.2.50', port: 2121 }),
    options: baseOptions,
    startedAt: '2025-02-08T09:33:00.000Z',
    durationMs: 2,
    steps: refusedSteps,
    transcript: [
      {
        direction: 'event',
        text: 'connect to 192.0.2.50:2121 refused (ECONNREFUSED)',
        atMs: 2,
        channel: 'control',
      },
    ],
    interrupted: null,
  },
  diagnosis: diagnosis(
    UNKNOWN_SERVER,
    [
      { name: 'resolve', status: 'ok', summary: '192.0.2.50 is an IP address; nothing to resolve' },
      { name: 'connect', status: 'fail', summary: 'refused: nothing listens on 192.0.2.50:2121' },
      ...(['banner', 'features', 'tls', 'login', 'epsv', 'pasv', 'transfer'] as const).map((name) => ({
        name,
        status: 'skipped' as const,
        summary: afterConnect,
      })),
      { name: 'active', status: 'skipped', summary: notRequested },
      { name: 'scan', status: 'skipped', summary: 'not requested (use --scan-range)' },
      { name: 'quit', status: 'skipped', summary: afterConnect },
    ],
    [
      {
        id: 'connect.refused',
        sources: FIXTURE_SOURCES,
        severity: 'error',
        step: 'connect',
        title: 'Connection to port 2121 refused',
        detail:
          '192.0.2.50 answered the connection attempt with a reset: either no FTP server listens on ' +
          'port 2121, or a firewall rejects the port with tcp-reset.',
        evidence: [
          {
            kind: 'error',
            channel: 'control',
            failure: 'refused',
            errno: 'ECONNREFUSED',
            message: 'connect ECONNREFUSED 192.0.2.50:2121',
          },
        ],
        fixes: [
          {
            audience: 'server',
            dialect: 'generic',
            sources: FIXTURE_SOURCES,
            title: 'Check that the server runs and listens on port 2121',
            text: "systemctl status vsftpd proftpd pure-ftpd\nss -ltnp 'sport = :2121'",
          },
          {
            audience: 'firewall',
            dialect: 'iptables',
            sources: FIXTURE_SOURCES,
            title: 'Accept the control port',
            text: 'iptables -I INPUT -p tcp --dport 2121 -j ACCEPT',
          },
          {
            audience: 'firewall',
            dialect: 'nftables',
            sources: FIXTURE_SOURCES,
            title: 'Accept the control port',
            text: 'nft add rule inet filter input tcp dport 2121 accept',
          },
          {
            audience: 'firewall',
            dialect: 'ufw',
            sources: FIXTURE_SOURCES,
            title: 'Accept the control port',
            text: 'ufw allow 2121/tcp',
          },
          {
            audience: 'firewall',
            dialect: 'firewalld',
            sources: FIXTURE_SOURCES,
            title: 'Accept the control port',
            text: 'firewall-cmd --permanent --add-port=2121/tcp\nfirewall-cmd --reload',
          },
        ],
        exitCode: 3,
      },
    ],
    {
      status: 'failed',
      exitCode: 3,
      headline: 'Cannot reach the FTP server: 192.0.2.50 refused the connection on port 2121.',
    },
  ),
};

// ---------------------------------------------------------------------------------------------
// 5. A hostile server: every text it sends tries to reach the terminal raw.

/** HOSTILE: the nasty characters the hostile fixture carries, for tests to look for. */
export const HOSTILE = {
  esc: '\u001b',
  bel: '\u0007',
  nul: '\u0000',
  backspace: '\u0008',
  csi: '\u009b',
  rlo: '\u202e',
  lri: '\u2066',
  zeroWidth: '\u200b',
  loneSurrogate: '\ud800',
} as const;

const hostileBanner = reply(
  '220-\u001b[2J\u001b[1;31mYOUR FILES ARE ENCRYPTED\u001b[0m',
  ' invoice\u202eexe.pdf\u202c and \u2066isolated\u2069 \u200bzero\u200dwidth',
  ' NUL\u0000here, backspace\b\b\bxyz, carriage\rreturn',
  '220 \ufffd\ufffd bad bytes \u009b31m C1 CSI \u001b]0;pwned\u0007',
);

const hostileLogin = reply('230-\u001b]52;c;ZWNobyBvd25lZA==\u0007Welcome', '230 Login successful.');

const hostilePasv = reply('227 Entering Passive Mode (203,0,113,66,156,76).\u0000\u001b[1A');

const hostileQuitText = '\u001b[5mBYE\b\b\b';

const hostileFailure: FailureInfo = {
  kind: 'protocol',
  violation: 'reply-syntax',
  message: 'the reply does not start with a three-digit code',
  offendingText: hostileQuitText,
};

const hostileFeat = reply('211-Features:', ' AUTH TLS', ' EPSV', ' PASV', ' PBSZ', ' PROT', '211 End');

const hostileSteps: AnyStepRecord[] = [
  ran('resolve', 0, 6, [], {
    host: 'evil.example',
    addresses: [{ address: '203.0.113.66', family: 4 }],
    chosen: '203.0.113.66',
  }),
  ran('connect', 6, 20, [], { address: '203.0.113.66', port: 21, family: 4, implicitTls: false }),
  ran('banner', 26, 20, [exchange(null, [hostileBanner], 20)], { preliminary: [], greeting: hostileBanner }),
  ran(
    'features',
    46,
    40,
    [
      exchange('FEAT', [hostileFeat], 20),
      exchange('SYST', [reply('215 UNIX\u001b[8m Type: L8\u001b[0m')], 20),
    ],
    {
      feat: hostileFeat,
      features: featureLines(hostileFeat),
      featuresAfterLogin: null,
      syst: reply('215 UNIX\u001b[8m Type: L8\u001b[0m'),
      authTlsOffered: true,
      help: null,
    },
  ),
  ran(
    'tls',
    86,
    60,
    [
      exchange('AUTH TLS', [reply('234 \u001b[32mgo ahead\u001b[0m')], 20),
      exchange('PBSZ 0', [reply('200 PBSZ=0')], 20),
      exchange('PROT P', [reply('200 Protection set to Private')], 20),
    ],
    {
      mode: 'auto',
      attempted: true,
      authReply: reply('234 \u001b[32mgo ahead\u001b[0m'),
      protocol: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
      handshakeMs: 19,
      certificate: {
        subject: 'CN=evil\u001b[8m.example\u202e',
        subjectAltNames: ['DNS:\u202eelpmaxe.live', 'DNS:evil.example\u0000.bank.example'],
        issuer: 'CN=Totally Trusted CA\u0007\u0008',
        validFrom: 'Jan 1 00:00:00 2025 GMT',
        validTo: 'Jan 1 00:00:00 2035 GMT',
        daysLeft: 3614,
        selfSigned: true,
        fingerprint256:
          '00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF',
      },
      trusted: false,
      trustError: 'self-signed certificate\u001b[0m',
      nameMatches: false,
      pbszReply: reply('200 PBSZ=0'),
      protReply: reply('200 Protection set to Private'),
      dataProtection: 'private',
    },
  ),
  ran(
    'login',
    146,
    40,
    [
      exchange('USER anonymous', [reply('331 Any password will do\u009d')], 20),
      exchange('PASS ****', [hostileLogin], 20),
    ],
    { user: 'anonymous', anonymous: true, loggedIn: true, finalReply: hostileLogin },
  ),
  ran('epsv', 186, 41, [exchange('EPSV', [reply('229 Extended Passive \u2067Mode\u2069 (|||40012|)')], 20)], {
    reply: reply('229 Extended Passive \u2067Mode\u2069 (|||40012|)'),
    port: 40012,
    parseError: null,
    portTest: { host: '203.0.113.66', port: 40012, outcome: 'open', durationMs: 21 },
    samples: [{ reply: reply('229 Extended Passive \u2067Mode\u2069 (|||40012|)'), port: 40012 }],
    epsvAll: null,
  }),
  ran('pasv', 227, 41, [exchange('PASV', [hostilePasv], 20)], {
    reply: hostilePasv,
    advertisedHost: '203.0.113.66',
    port: 40012,
    addressClass: 'same',
    parseError: null,
    portTest: { host: '203.0.113.66', port: 40012, outcome: 'open', durationMs: 21 },
    advertisedPortTest: null,
    samples: [{ reply: hostilePasv, port: 40012 }],
  }),
  ran(
    'transfer',
    268,
    62,
    [
      exchange('EPSV', [reply('229 Extended Passive \u2067Mode\u2069 (|||40013|)')], 20),
      exchange(
        'LIST',
        [
          reply('150 \u001b[?25lHere it comes'),
          reply('226 Done\u001b[?25h\u001b]8;;https://evil.example\u0007'),
        ],
        40,
      ),
    ],
    {
      command: 'LIST',
      via: 'epsv',
      dataHost: '203.0.113.66',
      dataPort: 40013,
      preliminaryReply: reply('150 \u001b[?25lHere it comes'),
      finalReply: reply('226 Done\u001b[?25h\u001b]8;;https://evil.example\u0007'),
      bytes: 241,
      entries: 3,
      preview: [
        '-rw-r--r--    1 0        0            1024 Jan 01 00:00 \u001b[31mred.txt\u001b[0m',
        '-rw-r--r--    1 0        0            2048 Jan 01 00:00 photo\u202egpj.exe',
        '-rw-r--r--    1 0        0               0 Jan 01 00:00 bad\ud800name\ufffd\u0085next',
      ],
      protectedByTls: true,
      tlsSessionReused: false,
      reuseRequired: false,
      dataConnected: true,
    },
  ),
  skipped('active', notRequested, 330),
  skipped('scan', 'not requested (use --scan-range)', 330),
  ran('quit', 330, 20, [exchange('QUIT', [], 20, hostileFailure)], { reply: null, failure: hostileFailure }),
];

/** hostileServer: control characters, escape sequences and bidi controls everywhere. Exit 0. */
export const hostileServer: TargetReport = {
  probe: {
    target: target('ftp://evil.example/pub/\u001b]0;owned\u0007\u202e', {
      host: 'evil.example',
      port: 21,
      path: '/pub/\u001b]0;owned\u0007\u202e',
    }),
    options: { ...baseOptions, insecure: true },
    startedAt: '2025-02-08T09:34:00.000Z',
    durationMs: 350,
    steps: hostileSteps,
    transcript: transcriptOf(hostileSteps, [
      { direction: 'event', text: `reply without a code: ${hostileQuitText}`, atMs: 350, channel: 'control' },
    ]),
    interrupted: null,
  },
  diagnosis: diagnosis(
    UNKNOWN_SERVER,
    [
      { name: 'resolve', status: 'ok', summary: 'evil.example → 203.0.113.66' },
      { name: 'connect', status: 'ok', summary: 'connected to 203.0.113.66:21' },
      { name: 'banner', status: 'warn', summary: '220 \u001b[2J\u001b[1;31mYOUR FILES ARE ENCRYPTED' },
      { name: 'features', status: 'ok', summary: 'unknown server; AUTH TLS offered' },
      { name: 'tls', status: 'warn', summary: 'TLSv1.2, self-signed certificate accepted (--insecure)' },
      { name: 'login', status: 'ok', summary: 'logged in as anonymous' },
      { name: 'epsv', status: 'ok', summary: 'EPSV → port 40012, open (21 ms)' },
      { name: 'pasv', status: 'ok', summary: 'PASV → 203.0.113.66:40012, same address, open (21 ms)' },
      { name: 'transfer', status: 'ok', summary: 'LIST over EPSV: 3 entries, 241 bytes, TLS-protected' },
      { name: 'active', status: 'skipped', summary: notRequested },
      { name: 'scan', status: 'skipped', summary: 'not requested (use --scan-range)' },
      { name: 'quit', status: 'warn', summary: 'QUIT answered with something that is not an FTP reply' },
    ],
    [
      {
        id: 'banner.control-characters',
        sources: FIXTURE_SOURCES,
        severity: 'warning',
        step: 'banner',
        title: 'The server sends terminal control characters \u001b[2J',
        detail:
          'The greeting holds escape sequences, bidi overrides and NUL bytes. ftp-doctor shows them ' +
          'escaped; other tools may print them raw: \u001b[1;31mred\u001b[0m \u202eexe.pdf',
        evidence: [{ kind: 'reply', command: null, code: 220, text: hostileBanner.text }],
        fixes: [],
        exitCode: 4,
      },
      {
        id: 'tls.cert-untrusted',
        sources: FIXTURE_SOURCES,
        severity: 'warning',
        step: 'tls',
        title: 'The certificate is self-signed and not trusted (accepted because of --insecure)',
        detail:
          'Subject CN=evil\u001b[8m.example\u202e does not match evil.example and no trusted CA signed it.',
        evidence: [
          {
            kind: 'error',
            channel: 'control',
            failure: 'tls',
            errno: 'DEPTH_ZERO_SELF_SIGNED_CERT',
            message: 'self-signed certificate\u001b[0m',
          },
        ],
        fixes: [
          {
            audience: 'client',
            dialect: 'generic',
            sources: FIXTURE_SOURCES,
            title: "Trust this server's own certificate instead of using --insecure",
            text: 'ftp-doctor --ca ./evil-example.pem ftp://evil.example/',
          },
        ],
        exitCode: 5,
      },
      {
        id: 'quit.malformed-reply',
        sources: FIXTURE_SOURCES,
        severity: 'info',
        step: 'quit',
        title: 'QUIT drew a reply without a code',
        detail: 'The bytes after QUIT were not an FTP reply.',
        evidence: [{ kind: 'observation', text: `received: ${hostileQuitText}` }],
        fixes: [],
        exitCode: 4,
      },
    ],
    {
      status: 'warning',
      exitCode: 0,
      headline: 'evil.example works, with warnings: control characters \u001b[5min replies\u001b[0m.',
    },
  ),
};

/** ALL_FIXTURES: every fixture by name, for table tests over all of them. */
export const ALL_FIXTURES: Readonly<Record<string, TargetReport>> = {
  healthyVsftpd,
  pasvFiltered,
  tlsExpired,
  connectionRefused,
  hostileServer,
};

/** anyHostileChar finds raw control, bidi or zero-width characters that must never be printed. */
export function anyHostileChar(text: string, allowNewline = true): string | null {
  const pattern = allowNewline
    ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u
    : /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;
  const match = pattern.exec(text);
  return match ? match[0] : null;
}

/** isWellFormed: no lone surrogates, so the text can be encoded as UTF-8 (String#isWellFormed is ES2024). */
export function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}

/**
 * withEpsvRefused: a fixture's probe with EPSV answered by `refusal` (vsftpd's cmds_denied=EPSV
 * answers 550 Permission denied.) and everything else as it was.
 */
export function withEpsvRefused(probe: ProbeResult, refusal: Reply): ProbeResult {
  const steps = probe.steps.map((step): AnyStepRecord => {
    if (step.name !== 'epsv' || !step.data) return step;
    return {
      ...step,
      exchanges: step.exchanges.map((e) => (e.command === 'EPSV' ? { ...e, replies: [refusal] } : e)),
      data: {
        ...step.data,
        reply: refusal,
        port: null,
        portTest: null,
        samples: [{ reply: refusal, port: null }],
      },
    };
  });
  return { ...probe, steps } as ProbeResult;
}
