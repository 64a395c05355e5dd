import type { PortRange } from '../../../probe/types.js';
import { cite, type Sources } from '../../sources.js';
import type { Fix } from '../../types.js';
import { formatRange, passiveRangeSetting } from './passiveRange.js';

interface RangeLookup {
  readonly title: string;
  readonly commands: readonly string[];
  readonly sources: Sources;
}

/**
 * LOOKUPS: where each server keeps its passive range and a command that prints it. vsftpd:
 * pasv_min_port/pasv_max_port (vsftpd.conf(5)); ProFTPD: PassivePorts (mod_core); Pure-FTPd:
 * -p/--passiveportrange, which Debian's wrapper reads from /etc/pure-ftpd/conf/PassivePortRange
 * and pure-ftpd.conf calls PassivePortRange (pure-ftpd(8), README).
 */
const LOOKUPS: Readonly<Record<string, RangeLookup>> = {
  vsftpd: {
    title: 'vsftpd',
    commands: ["grep -E 'pasv_m(in|ax)_port' /etc/vsftpd.conf /etc/vsftpd/vsftpd.conf"],
    sources: [cite('vsftpd.conf.5', 'pasv_enable, pasv_min_port, pasv_max_port')],
  },
  proftpd: {
    title: 'ProFTPD',
    commands: ['grep -rn PassivePorts /etc/proftpd/'],
    sources: [cite('proftpd-mod_core', 'PassivePorts')],
  },
  'pure-ftpd': {
    title: 'Pure-FTPd',
    commands: [
      'cat /etc/pure-ftpd/conf/PassivePortRange      # Debian, Ubuntu',
      'grep -rn PassivePortRange /etc/pure-ftpd*     # pure-ftpd.conf',
      'ps -o args= -C pure-ftpd                      # a -p LOW:HIGH flag',
    ],
    sources: [
      cite('pure-ftpd.8', '-p (passiveportrange)'),
      cite('pure-ftpd-readme', 'pure-ftpd.conf PassivePortRange'),
    ],
  },
};

/**
 * passiveRangeCheckFix: when the ports the server handed out come from one consistent range, the
 * server is evidently configured with a range, and rewriting it fixes nothing: what matters is
 * that the firewall opens the same range. This fix reads the setting so the two can be compared.
 * `range` is what the firewall fixes open; `fromSamples` says whether it comes from the ports seen
 * (else too few were seen to tell, and it is a suggestion).
 */
export function passiveRangeCheckFix(software: string, range: PortRange, fromSamples: boolean): Fix {
  const lookup = LOOKUPS[software];
  const compare = fromSamples
    ? `# The firewall fixes open ${formatRange(range)}, from the ports seen;\n# if the setting differs, open the setting's range instead.`
    : `# Too few ports were seen to tell the range. With no setting the server\n# takes any free port: set one (e.g. ${formatRange(range)}) and open the same.`;
  if (lookup === undefined) {
    return {
      audience: 'server',
      dialect: 'generic',
      title: "Make sure the firewall opens the server's configured passive range",
      sources: [cite('filezilla-network-wiki', 'Passive mode')],
      text: [
        `# The server's passive range is set in ${passiveRangeSetting(software) ?? 'its passive range setting'}.`,
        '# Read it there and open exactly that range in the firewall.',
        compare,
      ].join('\n'),
    };
  }
  return {
    audience: 'server',
    dialect: software,
    title: `${lookup.title}: read the configured passive range and open the same one in the firewall`,
    sources: lookup.sources,
    text: [
      fromSamples
        ? `# The ports came from one range, so ${lookup.title} has one configured; print it:`
        : `# Print ${lookup.title}'s passive range setting:`,
      ...lookup.commands,
      compare,
    ].join('\n'),
  };
}
