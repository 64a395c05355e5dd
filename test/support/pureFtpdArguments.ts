import { join } from 'node:path';
import type { ServerPlan } from './realServerOptions.js';

/** pureFtpdBannerPath: Pure-FTPd has no banner option; a fortunes file (-F) replaces its greeting. */
export function pureFtpdBannerPath(plan: ServerPlan): string {
  return join(plan.dir, 'banner.txt');
}

/** PURE_FTPD_ANON_ROOT is where Pure-FTPd serves anonymous users: the `ftp` account's home. */
export const PURE_FTPD_ANON_ROOT = '/srv/ftp';

/**
 * pureFtpdArguments builds the command line: Pure-FTPd has no config file of its own (the Debian
 * wrapper that reads /etc/pure-ftpd is not used), and it stays in the foreground without -B.
 */
export function pureFtpdArguments(plan: ServerPlan): string[] {
  const { options } = plan;
  const args = [
    `--bind=${plan.host},${plan.port}`,
    `--passiveportrange=${plan.passiveRange.low}:${plan.passiveRange.high}`,
    '--dontresolve',
    '--login=unix',
    `--pidfile=${plan.dir}/pure-ftpd.pid`,
    `--altlog=clf:${plan.dir}/xfer.log`,
    '--anonymouscantupload',
    '--verboselog',
  ];
  const anonymous = options.anonymous ?? true;
  const local = options.localUser ?? false;
  if (anonymous && !local) args.push('--anonymousonly');
  if (!anonymous) args.push('--noanonymous');
  if (options.pasvAddress) args.push(`--forcepassiveip=${options.pasvAddress}`);
  if (options.maxClients !== undefined) args.push(`--maxclientsnumber=${options.maxClients}`);
  if (options.banner) args.push(`--fortunesfile=${pureFtpdBannerPath(plan)}`);
  const tls = options.tls;
  if (tls) {
    // 1 = TLS optional, 2 = required for logins; Pure-FTPd has no implicit mode.
    args.push(
      `--tls=${tls.required ? 2 : 1}`,
      `--certfile=${tls.certificate.certPath},${tls.certificate.keyPath}`,
    );
  }
  return args;
}
