import { cite } from '../../sources.js';
import type { DeviceFixPath } from './deviceFixPath.js';

/**
 * PRINTER_FIX_PATHS: printers and print servers whose FTP server exists to receive print jobs. Their
 * vendors document only a switch, a password or a timeout for it, so a failing data connection is
 * fixed on the path to the printer, never on the printer; each row says what cannot be set, in the
 * vendor's terms, and leaves an entry null where the vendor's pages say nothing.
 */
export const PRINTER_FIX_PATHS: readonly DeviceFixPath[] = [
  {
    software: ['hp-jetdirect'],
    product: 'HP Jetdirect',
    passiveRange: {
      cannot:
        "The Jetdirect FTP server is there for FTP printing: a client logs in and puts a print file, which goes straight to the printer. HP documents two settings for it, the FTP server on or off (Telnet or the Embedded Web Server) and the idle timeout; a passive port range is not one of them. Without a fixed range, print from the printer's own network, or through a firewall or NAT whose FTP helper (ALG) follows the plain-FTP control connection and lets the announced port through; a port forward of a fixed range has no range to match.",
    },
    externalAddress: {
      cannot:
        'The Jetdirect FTP server has no setting for announcing another address; reach the printer on an address it owns, from its own network or over a VPN into it.',
    },
    tls: {
      cannot:
        "HP's FTP printing guide documents no FTPS for the Jetdirect FTP server: the login and the print files travel in clear text. Turn the FTP server off where it is not used (Telnet or the Embedded Web Server), and keep FTP printing on the printer's own network.",
    },
    connectionLimit: {
      cannot:
        'The Jetdirect FTP server takes a fixed number of FTP sessions (up to four control connections at once on current print servers, three on some older ones) and one print data connection at a time; one more is told the service is not available. No setting raises this: end idle sessions, or on current print servers shorten the idle timeout (by default 270 s for a data and 900 s for a control connection) in the Embedded Web Server or over Telnet.',
    },
    sources: [cite('hp-jetdirect-ftp-printing', 'Appendix B, FTP printing (control and data connections)')],
  },
  {
    software: ['xerox-printer'],
    product: 'Xerox printer',
    passiveRange: {
      cannot:
        "A Xerox printer's FTP server takes print-ready files: a client logs in and puts a file, and the printer prints it. The Xerox guides checked (ColorQube 8570/8870, DocuPrint M455, ColorQube 9301/9302/9303; not every model's) give this server an On/Off switch and a login password, or a connection time-out and a password, in CentreWare Internet Services; none of them is a passive port range. The Passive/Active 'Mode' on the ColorQube 9301/9302/9303 (Properties > Connectivity > Protocols > FTP) is not one either: it only sets how the printer connects out when it files scans on an FTP server. Without a fixed range, passive FTP to the printer works from its own network, or through a firewall or NAT whose FTP helper (ALG) follows the plain-FTP control connection and lets the announced port through; a port forward of a fixed range cannot match the printer's random ports.",
    },
    externalAddress: {
      cannot:
        'None of these Xerox FTP settings makes the printer announce another address in its PASV reply; reach the printer on an address it owns, from its own network or over a VPN into it.',
    },
    tls: {
      cannot:
        "The FTP settings Xerox documents for the printer's server have no FTPS (TLS) option: the login password and the print files cross the network in clear text. Where nobody prints over FTP, set FTP to Off in CentreWare IS (ColorQube 8570/8870), and keep FTP printing on the printer's own network.",
    },
    connectionLimit: null,
    sources: [
      cite('xerox-colorqube-8570-ftp', "File Transfer Protocol (FTP): what the printer's FTP server is for"),
      cite('xerox-colorqube-8570-ftp-settings', 'FTP On/Off and Login Password'),
      cite('fujixerox-docuprint-m455-ftp', 'Connection Timeout and Password'),
      cite('xerox-colorqube-9301-ftp-mode', 'Setting FTP Mode (network filing)'),
    ],
  },
];
