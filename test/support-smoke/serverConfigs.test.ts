import { describe, expect, it } from 'vitest';
import type { TestCertificate } from '../support/certs.js';
import { proftpdConfig } from '../support/proftpdConfig.js';
import { pureFtpdArguments } from '../support/pureFtpdArguments.js';
import type { RealServerOptions, ServerPlan } from '../support/realServerOptions.js';
import { vsftpdConfig } from '../support/vsftpdConfig.js';

// These run without root: they check the generated text, not the daemons.

const certificate: TestCertificate = { cert: '', key: '', certPath: '/c/cert.pem', keyPath: '/c/key.pem' };

function planFor(options: RealServerOptions, host = '127.9.9.1'): ServerPlan {
  return {
    host,
    port: 2121,
    passiveRange: { low: 21000, high: 21009 },
    dir: '/tmp/x',
    anonRoot: '/tmp/x/anon',
    logPath: '/tmp/x/server.log',
    options,
  };
}

describe('vsftpdConfig', () => {
  const rows: {
    title: string;
    options: RealServerOptions;
    host?: string;
    present: string[];
    absent?: string[];
  }[] = [
    {
      title: 'foreground, sandbox off, anonymous on the plan address',
      options: {},
      present: [
        'background=NO',
        'listen=YES',
        'listen_address=127.9.9.1',
        'listen_port=2121',
        'seccomp_sandbox=NO',
        'isolate=NO',
        'isolate_network=NO',
        'anonymous_enable=YES',
        'pasv_min_port=21000',
        'pasv_max_port=21009',
      ],
      absent: ['ssl_enable=YES', 'pasv_address='],
    },
    {
      title: 'IPv6',
      options: {},
      host: '::1',
      present: ['listen=NO', 'listen_ipv6=YES', 'listen_address6=::1'],
    },
    {
      title: 'pasv address and passive off',
      options: { pasvAddress: '10.0.0.5', pasvDisabled: true },
      present: ['pasv_address=10.0.0.5', 'pasv_enable=NO'],
    },
    {
      title: 'implicit, required TLS without session reuse',
      options: { tls: { mode: 'implicit', certificate, required: true, requireSessionReuse: false } },
      present: [
        'ssl_enable=YES',
        'implicit_ssl=YES',
        'force_local_logins_ssl=YES',
        'require_ssl_reuse=NO',
        'rsa_cert_file=/c/cert.pem',
        'ssl_ciphers=HIGH',
      ],
    },
  ];
  for (const row of rows) {
    it(row.title, () => {
      const lines = vsftpdConfig(planFor(row.options, row.host)).split('\n');
      expect(lines).toEqual(expect.arrayContaining(row.present));
      for (const absent of row.absent ?? [])
        expect(lines.some((line) => line.startsWith(absent))).toBe(false);
    });
  }
});

describe('proftpdConfig', () => {
  it('binds tightly, denies EPSV, masquerades and loads mod_tls when asked', () => {
    const text = proftpdConfig(
      planFor({
        epsvDenied: true,
        pasvAddress: '10.0.0.5',
        tls: { mode: 'explicit', certificate, required: true },
      }),
    );
    expect(text).toContain('SocketBindTight on');
    expect(text).toContain('DefaultAddress 127.9.9.1');
    expect(text).toContain('PassivePorts 21000 21009');
    expect(text).toContain('<Limit EPSV>\n  DenyAll\n</Limit>');
    expect(text).toContain('MasqueradeAddress 10.0.0.5');
    expect(text).toMatch(/ModulePath .*\/\.servers\/pkg\/usr\/lib\/proftpd\nLoadModule mod_tls\.c/);
    expect(text).toContain('TLSRequired on');
    expect(text).toContain('<Anonymous /tmp/x/anon>');
  });

  it('denies local logins unless localUser, and uses implicit TLS options', () => {
    expect(proftpdConfig(planFor({}))).toContain('<Limit LOGIN>\n  DenyAll\n</Limit>');
    const text = proftpdConfig(
      planFor({
        localUser: true,
        anonymous: false,
        tls: { mode: 'implicit', certificate, requireSessionReuse: false },
      }),
    );
    expect(text).not.toContain('<Anonymous');
    expect(text).toContain('TLSOptions UseImplicitSSL NoSessionReuseRequired');
  });
});

describe('pureFtpdArguments', () => {
  it('binds, sets the passive range and forced address, and TLS level', () => {
    const args = pureFtpdArguments(
      planFor({ pasvAddress: '10.0.0.5', tls: { mode: 'explicit', certificate, required: true } }),
    );
    expect(args).toEqual(
      expect.arrayContaining([
        '--bind=127.9.9.1,2121',
        '--passiveportrange=21000:21009',
        '--forcepassiveip=10.0.0.5',
        '--tls=2',
        '--certfile=/c/cert.pem,/c/key.pem',
        '--anonymousonly',
      ]),
    );
    expect(args).not.toContain('--daemonize');
  });
});
