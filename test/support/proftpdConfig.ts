import { isIP } from 'node:net';
import type { ServerPlan } from './realServerOptions.js';

/** PROFTPD_MODULE_PATH is where proftpd-mod-crypto's mod_tls.so was unpacked. */
export const PROFTPD_MODULE_PATH = new URL('../../.servers/pkg/usr/lib/proftpd', import.meta.url).pathname;

/** proftpdConfig writes a proftpd.conf for `proftpd -n -c FILE` (standalone, foreground). */
export function proftpdConfig(plan: ServerPlan): string {
  const { options, dir } = plan;
  const lines = [
    'ServerName "ftp-doctor test server"',
    'ServerType standalone',
    'DefaultServer on',
    // Bind only the plan's address, not every interface.
    'SocketBindTight on',
    `DefaultAddress ${plan.host}`,
    `Port ${plan.port}`,
    `UseIPv6 ${isIP(plan.host) === 6 ? 'on' : 'off'}`,
    'User nobody',
    'Group nogroup',
    `PidFile ${dir}/proftpd.pid`,
    `ScoreboardFile ${dir}/proftpd.scoreboard`,
    `DelayTable ${dir}/proftpd.delay`,
    `SystemLog ${plan.logPath}`,
    `TransferLog ${dir}/xfer.log`,
    'WtmpLog off',
    'UseReverseDNS off',
    // The PAM service file is not installed with the unpacked package; check /etc/shadow directly.
    'AuthPAM off',
    'AuthOrder mod_auth_unix.c',
    'RequireValidShell off',
    'Umask 022',
    `PassivePorts ${plan.passiveRange.low} ${plan.passiveRange.high}`,
  ];
  // Without a banner of its own, ProFTPD greets as installed: "ProFTPD Server (<ServerName>) [address]".
  if (options.banner) lines.push(`ServerIdent on "${options.banner}"`);
  if (options.pasvAddress) lines.push(`MasqueradeAddress ${options.pasvAddress}`);
  if (options.maxClients !== undefined) lines.push(`MaxInstances ${options.maxClients}`);
  if (!(options.writable ?? false)) lines.push('<Limit WRITE>', '  DenyAll', '</Limit>');
  if (!(options.localUser ?? false)) lines.push('<Limit LOGIN>', '  DenyAll', '</Limit>');
  if (options.pasvDisabled) lines.push('<Limit PASV EPSV>', '  DenyAll', '</Limit>');
  else if (options.epsvDenied) lines.push('<Limit EPSV>', '  DenyAll', '</Limit>');
  if (options.anonymous ?? true) {
    lines.push(
      `<Anonymous ${plan.anonRoot}>`,
      '  User ftp',
      '  Group nogroup',
      '  UserAlias anonymous ftp',
      '  RequireValidShell off',
      '  <Limit LOGIN>',
      '    AllowAll',
      '  </Limit>',
      '  <Limit WRITE>',
      '    DenyAll',
      '  </Limit>',
      '</Anonymous>',
    );
  }
  const tls = options.tls;
  if (tls) {
    const tlsOptions = [
      ...(tls.mode === 'implicit' ? ['UseImplicitSSL'] : []),
      ...(tls.requireSessionReuse === false ? ['NoSessionReuseRequired'] : []),
    ];
    lines.push(
      `ModulePath ${PROFTPD_MODULE_PATH}`,
      'LoadModule mod_tls.c',
      'TLSEngine on',
      `TLSLog ${dir}/tls.log`,
      'TLSProtocol TLSv1.2 TLSv1.3',
      `TLSECCertificateFile ${tls.certificate.certPath}`,
      `TLSECCertificateKeyFile ${tls.certificate.keyPath}`,
      'TLSVerifyClient off',
      `TLSRequired ${tls.required ? 'on' : 'off'}`,
    );
    if (tlsOptions.length > 0) lines.push(`TLSOptions ${tlsOptions.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
