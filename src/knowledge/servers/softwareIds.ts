/**
 * SoftwareKind groups products by where they run, which decides the wording of their fixes: a
 * daemon has a configuration file, a Windows server an administration console, an appliance
 * (NAS, router, printer) a web interface and nothing else.
 */
export type SoftwareKind =
  | 'unix-daemon'
  | 'windows-server'
  | 'library'
  | 'nas'
  | 'router'
  | 'printer'
  | 'device';

/** SoftwareInfo: what every software id must carry; `basedOn` names the daemon an appliance runs. */
export interface SoftwareInfo {
  readonly displayName: string;
  readonly kind: SoftwareKind;
  /**
   * The FTP daemon inside an appliance (QNAP runs ProFTPD). Evidence for the daemon then also
   * supports the appliance, and a greeting that names both is not a conflict: the appliance wins,
   * because its settings live in the appliance's interface, not in the daemon's file.
   */
  readonly basedOn?: string;
}

/**
 * SOFTWARE: the one list of server software ftp-doctor can name. Fingerprints, fix dialects, known
 * messages and `--fix-for` all use these ids, so a fix or a message for a product missing here, or
 * an id without a display name, does not compile.
 */
export const SOFTWARE = {
  // Unix and Linux daemons
  vsftpd: { displayName: 'vsftpd', kind: 'unix-daemon' },
  proftpd: { displayName: 'ProFTPD', kind: 'unix-daemon' },
  'pure-ftpd': { displayName: 'Pure-FTPd', kind: 'unix-daemon' },
  'wu-ftpd': { displayName: 'wu-ftpd', kind: 'unix-daemon' },
  bftpd: { displayName: 'bftpd', kind: 'unix-daemon' },
  glftpd: { displayName: 'glFTPd', kind: 'unix-daemon' },
  tnftpd: { displayName: 'tnftpd (NetBSD ftpd)', kind: 'unix-daemon' },
  'openbsd-ftpd': { displayName: 'OpenBSD ftpd', kind: 'unix-daemon' },
  'netkit-ftpd': { displayName: 'netkit ftpd (linux-ftpd)', kind: 'unix-daemon' },
  'freebsd-ftpd': { displayName: 'FreeBSD ftpd', kind: 'unix-daemon' },
  'inetutils-ftpd': { displayName: 'GNU inetutils ftpd', kind: 'unix-daemon' },
  'solaris-ftpd': { displayName: 'Solaris ftpd', kind: 'unix-daemon' },
  'macos-ftpd': { displayName: 'Mac OS X Server ftpd', kind: 'unix-daemon' },
  'tru64-ftpd': { displayName: 'Tru64 UNIX ftpd', kind: 'unix-daemon' },
  ncftpd: { displayName: 'NcFTPd', kind: 'unix-daemon' },
  surgeftp: { displayName: 'SurgeFTP', kind: 'unix-daemon' },
  'zos-ftp': { displayName: 'IBM z/OS FTP', kind: 'unix-daemon' },
  'ibm-i-ftp': { displayName: 'IBM i (AS/400) FTP', kind: 'unix-daemon' },
  'busybox-ftpd': { displayName: 'BusyBox ftpd', kind: 'device' },
  vxworks: { displayName: 'VxWorks ftpd', kind: 'device' },
  // Libraries and frameworks
  pyftpdlib: { displayName: 'pyftpdlib', kind: 'library' },
  twisted: { displayName: 'Twisted FTP', kind: 'library' },
  'apache-ftpserver': { displayName: 'Apache FtpServer', kind: 'library' },
  'ftp-srv': { displayName: 'ftp-srv (Node.js)', kind: 'library' },
  medusa: { displayName: 'Medusa (Python)', kind: 'library' },
  // Windows servers
  'filezilla-server': { displayName: 'FileZilla Server', kind: 'windows-server' },
  iis: { displayName: 'Microsoft IIS FTP', kind: 'windows-server' },
  'serv-u': { displayName: 'Serv-U', kind: 'windows-server' },
  'ws-ftp': { displayName: 'WS_FTP Server', kind: 'windows-server' },
  'titan-ftp': { displayName: 'Titan FTP Server', kind: 'windows-server' },
  xlight: { displayName: 'Xlight FTP Server', kind: 'windows-server' },
  cerberus: { displayName: 'Cerberus FTP Server', kind: 'windows-server' },
  crushftp: { displayName: 'CrushFTP', kind: 'windows-server' },
  'wing-ftp': { displayName: 'Wing FTP Server', kind: 'windows-server' },
  gene6: { displayName: 'Gene6 FTP Server', kind: 'windows-server' },
  'globalscape-eft': { displayName: 'GlobalSCAPE EFT / Secure FTP Server', kind: 'windows-server' },
  'war-ftpd': { displayName: 'War FTP Daemon', kind: 'windows-server' },
  zftpserver: { displayName: 'zFTPServer', kind: 'windows-server' },
  'bulletproof-ftp': { displayName: 'BulletProof FTP Server', kind: 'windows-server' },
  typsoft: { displayName: 'TYPSoft FTP Server', kind: 'windows-server' },
  'ability-ftp': { displayName: 'Code-Crafters Ability Server', kind: 'windows-server' },
  blackmoon: { displayName: 'BlackMoon FTP Server', kind: 'windows-server' },
  slimftpd: { displayName: 'SlimFTPd', kind: 'windows-server' },
  wftpd: { displayName: 'WFTPD', kind: 'windows-server' },
  guildftpd: { displayName: 'GuildFTPd', kind: 'windows-server' },
  ioftpd: { displayName: 'ioFTPD', kind: 'windows-server' },
  'quick-n-easy': { displayName: "Quick 'n Easy FTP Server", kind: 'windows-server' },
  cesarftp: { displayName: 'CesarFTP', kind: 'windows-server' },
  wingate: { displayName: 'WinGate FTP gateway', kind: 'windows-server' },
  // NAS systems
  'synology-dsm': { displayName: 'Synology DSM', kind: 'nas' },
  'qnap-qts': { displayName: 'QNAP QTS', kind: 'nas', basedOn: 'proftpd' },
  truenas: { displayName: 'TrueNAS', kind: 'nas', basedOn: 'proftpd' },
  'netgear-readynas': { displayName: 'NETGEAR ReadyNAS', kind: 'nas', basedOn: 'proftpd' },
  'wd-nas': { displayName: 'Western Digital My Book Live / My Cloud', kind: 'nas' },
  'netapp-ontap': { displayName: 'NetApp ONTAP', kind: 'nas' },
  'emc-celerra': { displayName: 'EMC Celerra', kind: 'nas' },
  // Routers, gateways and other network devices
  fritzbox: { displayName: 'AVM FRITZ!Box', kind: 'router' },
  mikrotik: { displayName: 'MikroTik RouterOS', kind: 'router' },
  draytek: { displayName: 'DrayTek Vigor', kind: 'router' },
  'zyxel-zywall': { displayName: 'Zyxel ZyWALL / USG', kind: 'router' },
  'asus-router': { displayName: 'ASUS router (AiDisk FTP)', kind: 'router', basedOn: 'vsftpd' },
  'tp-link': { displayName: 'TP-Link router', kind: 'router' },
  speedport: { displayName: 'Telekom Speedport', kind: 'router' },
  'apc-nmc': { displayName: 'APC Network Management Card', kind: 'device' },
  'axis-camera': { displayName: 'Axis network camera / encoder', kind: 'device' },
  // Printers and scanners
  'hp-jetdirect': { displayName: 'HP JetDirect', kind: 'printer' },
  'epson-printer': { displayName: 'Epson printer', kind: 'printer' },
  'ricoh-printer': { displayName: 'Ricoh printer', kind: 'printer' },
  'xerox-printer': { displayName: 'Xerox printer', kind: 'printer' },
  'lexmark-printer': { displayName: 'Lexmark printer', kind: 'printer' },
  'kyocera-printer': { displayName: 'Kyocera printer', kind: 'printer' },
  'sharp-printer': { displayName: 'Sharp printer', kind: 'printer' },
  'konica-minolta-printer': { displayName: 'Konica Minolta printer', kind: 'printer' },
  'zebra-printer': { displayName: 'Zebra ZebraNet print server', kind: 'printer' },
} as const satisfies Readonly<Record<string, SoftwareInfo>>;

/** SoftwareId: a product ftp-doctor can name. */
export type SoftwareId = keyof typeof SOFTWARE;

/** UNKNOWN_SOFTWARE: the id reported when the server was not recognised. */
export const UNKNOWN_SOFTWARE = 'unknown';

/** SOFTWARE_IDS: every SoftwareId, in table order. */
export const SOFTWARE_IDS = Object.keys(SOFTWARE) as SoftwareId[];

/** isSoftwareId tells a known id from any other string (a --fix-for value, a JSON field). */
export function isSoftwareId(name: string): name is SoftwareId {
  return Object.hasOwn(SOFTWARE, name);
}

/** softwareInfo returns the table row of an id. */
export function softwareInfo(id: SoftwareId): SoftwareInfo {
  return SOFTWARE[id];
}

/** baseSoftware: the daemon an appliance runs (a test checks every `basedOn` is an id), or null. */
export function baseSoftware(id: SoftwareId): SoftwareId | null {
  const base = (SOFTWARE[id] as SoftwareInfo).basedOn;
  return base !== undefined && isSoftwareId(base) ? base : null;
}
