import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFtpServer } from '../../src/fakeServer/fakeFtpServer.js';
import type { FakeFtpServer, FakeServerScript } from '../../src/fakeServer/fakeServerScript.js';
import { generateServerCertificate, type ServerCertificate } from '../support/certs.js';
import { type CheckedFormats, checkAllFormats, FAST, runAllFormats } from './formatRuns.js';

/** STEP_KINDS: every step the probe knows (docs/architecture.md, "The probe steps", plus the --scan-range map). */
const STEP_KINDS = [
  'resolve',
  'connect',
  'banner',
  'features',
  'tls',
  'login',
  'epsv',
  'pasv',
  'transfer',
  'active',
  'scan',
  'quit',
];

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Every output format, rendered by the CLI from real probes of the fake server, read
// back by a parser (schema, XML, workflow commands, plugin output, exposition format).
describe('every format from fake-server probes (CLI subprocess)', () => {
  const servers: FakeFtpServer[] = [];
  let cert: ServerCertificate;
  const start = async (script: FakeServerScript) => {
    const server = await startFakeFtpServer(script);
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  };
  beforeAll(async () => {
    cert = await generateServerCertificate(['127.0.0.1', 'localhost']);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await cert?.remove();
  });

  it('FTPS with --active and --scan-range: every step kind runs, all formats agree (exit 0)', async () => {
    const target = await start({ tls: { cert: cert.cert, key: cert.key } });
    const low = await freeLoopbackPort();
    const args = [
      target,
      '--ca',
      cert.certPath,
      '--active',
      '--scan-range',
      `${low}-${low}`,
      '--samples',
      '2',
    ];
    const checked = await checkAllFormats(await runAllFormats([...args, ...FAST]), [
      { label: target, exitCode: 0 },
    ]);
    const [report] = checked.json.targets;
    expect(report!.steps.filter((s) => s.ran).map((s) => s.name)).toEqual(STEP_KINDS);
    expect(report!.tls?.certificate?.validTo).toBeTruthy();
    expect(checked.nagios.perfdata.map((p) => p.label)).toContain('cert_days_left');
    expect(checked.junit.suites[0]!.cases.filter((c) => c.skipped !== null)).toEqual([]);
  });

  it('implicit FTPS (ftps://): certificate expiry in Prometheus and Nagios', async () => {
    const port = (await start({ tls: { cert: cert.cert, key: cert.key, implicit: true } })).split(':')[1];
    const target = `ftps://127.0.0.1:${port}`;
    const checked = await checkAllFormats(await runAllFormats([target, '--ca', cert.certPath, ...FAST]), [
      { label: target, exitCode: 0 },
    ]);
    const days = checked.nagios.perfdata.find((p) => p.label === 'cert_days_left');
    expect(days?.value).toBeGreaterThan(390);
  });

  const failures: {
    title: string;
    /** A function when the script needs the certificate made in beforeAll; null: nothing listens. */
    script: FakeServerScript | (() => FakeServerScript) | null;
    extra?: string[];
    exitCode: number;
    findings: string[];
    verify?: (checked: CheckedFormats) => void;
  }[] = [
    {
      title: 'control port refused → 3',
      script: null,
      exitCode: 3,
      findings: ['connect.refused'],
      verify: ({ junit }) => {
        expect(junit.suites[0]!.cases.filter((c) => c.skipped !== null).length).toBeGreaterThan(5);
      },
    },
    {
      title: 'silent server → 4',
      script: { greeting: { steps: [] } },
      exitCode: 4,
      findings: ['banner.missing'],
    },
    {
      title: 'greeting 421 → 4',
      script: { greeting: ['421 Too many connections, try later.'] },
      exitCode: 4,
      findings: ['banner.service-unavailable'],
    },
    {
      title: 'self-signed certificate, not trusted → 5',
      script: () => ({ tls: { cert: cert.cert, key: cert.key } }),
      exitCode: 5,
      findings: ['tls.cert-self-signed'],
    },
    {
      title: 'login refused → 6',
      script: { anonymous: false },
      extra: ['--tls', 'off'],
      exitCode: 6,
      findings: ['login.anonymous-refused'],
    },
    {
      title: 'EPSV and PASV refused → 7',
      script: { replies: { EPSV: '500 Unknown command.', PASV: '500 Unknown command.' } },
      extra: ['--tls', 'off'],
      exitCode: 7,
      findings: ['passive.none'],
    },
    {
      title: 'data ports closed → 8',
      script: { dataPort: 'closed' },
      extra: ['--tls', 'off'],
      exitCode: 8,
      findings: ['data.port-closed'],
      verify: ({ prometheus }) => {
        const states = prometheus
          .find((f) => f.name === 'ftp_doctor_data_port_state')!
          .samples.filter((s) => s.value === 1)
          .map((s) => `${s.labels.mode}=${s.labels.state}`);
        expect(states).toEqual(['epsv=closed', 'pasv=closed']);
      },
    },
    {
      title: 'transfer aborted with 426 → 9',
      script: { transferReplies: { completion: '426 Connection closed; transfer aborted.' } },
      extra: ['--tls', 'off'],
      exitCode: 9,
      findings: ['transfer.failed'],
    },
  ];

  it.each(failures)('$title', async ({ script, extra = [], exitCode, findings, verify }) => {
    const target =
      script === null
        ? `127.0.0.1:${await freeLoopbackPort()}`
        : await start(typeof script === 'function' ? script() : script);
    const checked = await checkAllFormats(await runAllFormats([target, ...extra, ...FAST]), [
      { label: target, exitCode, findings },
    ]);
    expect(checked.nagios.state).toBe('CRITICAL');
    expect(checked.json.targets[0]!.verdict.status).toBe('failed');
    verify?.(checked);
  });

  it('EPSV refused but PASV works: a warning (exit 0; Nagios WARNING; a ::warning command)', async () => {
    const target = await start({ replies: { EPSV: '500 Unknown command.' } });
    const checked = await checkAllFormats(await runAllFormats([target, '--tls', 'off', ...FAST]), [
      { label: target, exitCode: 0 },
    ]);
    expect(checked.nagios.state).toBe('WARNING');
    expect(checked.github.some((c) => c.command === 'warning')).toBe(true);
    const success = checked.prometheus.find((f) => f.name === 'ftp_doctor_probe_success')!.samples;
    expect(success.map((s) => s.value)).toEqual([1]);
  });
});
