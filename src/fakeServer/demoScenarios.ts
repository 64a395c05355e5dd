import type { FakeServerScript } from './fakeServerScript.js';

/** DemoScenario is one named fake server that `ftp-doctor demo` probes. */
export interface DemoScenario {
  /** A short headline, e.g. "EPSV refused, PASV works". */
  readonly title: string;
  /** What the server does wrong and what the probe should find, in a sentence or two. */
  readonly description: string;
  /**
   * The verdict a correct diagnosis gives: `ftp-doctor demo` exits 0 only when every scenario it
   * ran got its expected verdict and exit code.
   */
  readonly expected: { readonly status: 'healthy' | 'warning' | 'failed'; readonly exitCode: number };
  /** script builds a fresh script each time (a scenario may run several times in one process). */
  readonly script: () => FakeServerScript | Promise<FakeServerScript>;
}

/**
 * DEMO_SCENARIOS are the built-in demo servers, by name. They only ever listen on 127.0.0.1,
 * and a private address advertised in a 227 is never connected to.
 */
export const DEMO_SCENARIOS: Readonly<Record<string, DemoScenario>> = {
  healthy: {
    title: 'A healthy anonymous server',
    description:
      'Greets with 220, lists its features, lets anonymous users in, and answers EPSV and PASV with ports that accept a listing.',
    expected: { status: 'healthy', exitCode: 0 },
    script: () => ({}),
  },
  'epsv-refused': {
    title: 'EPSV refused, PASV works',
    description:
      'The server (or a firewall helper in front of it) does not understand EPSV and answers 500; clients that try EPSV first must fall back to PASV.',
    expected: { status: 'warning', exitCode: 0 },
    script: () => ({ replies: { EPSV: '500 Unknown command.' } }),
  },
  'pasv-private-address': {
    title: 'PASV advertises a private address',
    description:
      'The 227 reply names 10.0.0.5, an internal address behind NAT, while the data port is really open on the address the client connected to. Clients that follow the advertised address hang.',
    expected: { status: 'warning', exitCode: 0 },
    script: () => ({ pasvAdvertise: '10.0.0.5' }),
  },
  'data-port-closed': {
    title: 'Passive data ports closed',
    description:
      'EPSV and PASV answer normally, but the ports they advertise refuse connections, as they do when a firewall REJECTs the passive range or the server announces ports it does not listen on.',
    expected: { status: 'failed', exitCode: 8 },
    script: () => ({ dataPort: 'closed' }),
  },
  'login-refused': {
    title: 'Anonymous login refused',
    description: 'The server accepts USER anonymous, then rejects every password with 530.',
    expected: { status: 'failed', exitCode: 6 },
    script: () => ({ anonymous: false, users: { alice: 'correct horse battery staple' } }),
  },
  'server-busy-421': {
    title: 'Server busy (421 greeting)',
    description:
      'Instead of 220 the server greets with 421 and closes the connection, as vsftpd does when max_clients is reached.',
    expected: { status: 'failed', exitCode: 4 },
    script: () => ({
      greeting: {
        steps: [{ lines: ['421 There are too many connected users, please try later.'] }, { close: 'end' }],
      },
    }),
  },
  'banner-silent': {
    title: 'Connection accepted, no banner',
    description:
      'The TCP connection opens but the server never sends its greeting: typical of an implicit-TLS port probed without TLS, or a hung daemon.',
    expected: { status: 'failed', exitCode: 4 },
    script: () => ({ greeting: { hang: true } }),
  },
  'transfer-hangs': {
    title: 'Data connection opens, the listing never comes',
    description:
      'The passive port accepts the data connection and the server says 150, then neither data nor a final reply arrives: the transfer hangs.',
    expected: { status: 'failed', exitCode: 9 },
    script: () => ({ dataPort: 'accept-silent' }),
  },
};
