import { isIP } from 'node:net';
import type { ServerPlan } from './realServerOptions.js';

/** VSFTPD_SECURE_CHROOT_DIR is the empty root-owned directory vsftpd insists on. */
export const VSFTPD_SECURE_CHROOT_DIR = '/var/run/vsftpd/empty';

/**
 * VSFTPD_PAM_SERVICE: the PAM service the test vsftpd authenticates local users with. PAM reads
 * services only from /etc/pam.d, so scripts/install-servers.sh writes this file there when it is
 * absent; a name of our own leaves the user's /etc/pam.d/vsftpd alone.
 */
export const VSFTPD_PAM_SERVICE = 'ftp-doctor-vsftpd';
export const VSFTPD_PAM_SERVICE_FILE = `/etc/pam.d/${VSFTPD_PAM_SERVICE}`;

const yesNo = (value: boolean): string => (value ? 'YES' : 'NO');

/**
 * vsftpdConfig writes a vsftpd.conf that runs in the foreground on the plan's address. The
 * sandboxing options are off because these containers do not allow vsftpd's namespaces or its
 * seccomp filter.
 */
export function vsftpdConfig(plan: ServerPlan): string {
  const { options } = plan;
  const ipv6 = isIP(plan.host) === 6;
  const lines = [
    'background=NO',
    ipv6 ? 'listen=NO' : 'listen=YES',
    ipv6 ? 'listen_ipv6=YES' : 'listen_ipv6=NO',
    ipv6 ? `listen_address6=${plan.host}` : `listen_address=${plan.host}`,
    `listen_port=${plan.port}`,
    'seccomp_sandbox=NO',
    'isolate=NO',
    'isolate_network=NO',
    `secure_chroot_dir=${VSFTPD_SECURE_CHROOT_DIR}`,
    'nopriv_user=ftp',
    'ftp_username=ftp',
    `anonymous_enable=${yesNo(options.anonymous ?? true)}`,
    `anon_root=${plan.anonRoot}`,
    `local_enable=${yesNo(options.localUser ?? false)}`,
    `pam_service_name=${VSFTPD_PAM_SERVICE}`,
    `write_enable=${yesNo(options.writable ?? false)}`,
    'use_localtime=NO',
    `pasv_enable=${yesNo(!(options.pasvDisabled ?? false))}`,
    `pasv_min_port=${plan.passiveRange.low}`,
    `pasv_max_port=${plan.passiveRange.high}`,
    'xferlog_enable=YES',
    'xferlog_std_format=NO',
    'log_ftp_protocol=YES',
    `vsftpd_log_file=${plan.logPath}`,
  ];
  if (options.localRoot) lines.push(`local_root=${options.localRoot}`);
  if (options.pasvAddress) lines.push(`pasv_address=${options.pasvAddress}`);
  if (options.banner) lines.push(`ftpd_banner=${options.banner}`);
  if (options.maxClients !== undefined) lines.push(`max_clients=${options.maxClients}`);
  const tls = options.tls;
  if (tls) {
    lines.push(
      'ssl_enable=YES',
      `rsa_cert_file=${tls.certificate.certPath}`,
      `rsa_private_key_file=${tls.certificate.keyPath}`,
      // vsftpd's default cipher list (DES-CBC3-SHA) is refused by current OpenSSL.
      'ssl_ciphers=HIGH',
      `allow_anon_ssl=${yesNo(tls.allowAnonymousTls ?? true)}`,
      `implicit_ssl=${yesNo(tls.mode === 'implicit')}`,
      `force_local_logins_ssl=${yesNo(tls.required ?? false)}`,
      `force_local_data_ssl=${yesNo(tls.required ?? false)}`,
      `force_anon_logins_ssl=${yesNo(tls.required ?? false)}`,
      `force_anon_data_ssl=${yesNo(tls.required ?? false)}`,
    );
    if (tls.strictReadEof !== undefined) lines.push(`strict_ssl_read_eof=${yesNo(tls.strictReadEof)}`);
    if (tls.requireSessionReuse !== undefined)
      lines.push(`require_ssl_reuse=${yesNo(tls.requireSessionReuse)}`);
  }
  return `${lines.join('\n')}\n`;
}
