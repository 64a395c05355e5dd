import { describeReply, lookupReplyCode } from './replyCodes.js';
import { type DigitExplanation, explainByDigits, InvalidReplyCodeError, isReplyCode } from './replyDigits.js';

/** ComparedCode: one side of a comparison, in the words a person needs. */
export interface ComparedCode {
  readonly code: number;
  readonly title: string;
  /** What the code means. */
  readonly meaning: string;
  /** When you meet it. */
  readonly whenYouMeetIt: string;
  /** What to do about it. */
  readonly whatToDo: readonly string[];
  /** False when no standard or known server defines the code and it is read by its digits. */
  readonly catalogued: boolean;
  readonly digits: DigitExplanation;
}

/** Comparison: two codes side by side, with what sets them apart. */
export interface Comparison {
  readonly a: ComparedCode;
  readonly b: ComparedCode;
  readonly keyDifferences: readonly string[];
  readonly summary: string;
  /** True when the notes were written by hand for a pair people often confuse. */
  readonly curated: boolean;
}

interface PairNote {
  readonly summary: string;
  readonly keyDifferences: readonly string[];
}

/** pairKey makes the lookup order-insensitive. */
function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** PAIR_NOTES: hand-written notes for pairs that are easy to mix up; the texts name both codes. */
const PAIR_NOTES: ReadonlyMap<string, PairNote> = new Map<string, PairNote>([
  [
    pairKey(220, 229),
    {
      summary:
        '220 is the greeting that says the server is ready for a login; 229 is the answer to EPSV that gives the port for a data connection. They only look alike because both start with 22.',
      keyDifferences: [
        'When: 220 comes once, right after connecting (or after REIN/HOST); 229 comes only after the client sends EPSV, usually once per transfer.',
        'What it carries: 220 carries free text (the banner, often the server name and version); 229 carries a port number in the form (|||port|).',
        'What happens next: after 220 the client logs in (USER/PASS); after 229 the client opens a data connection to that port on the server’s address.',
        'When it goes wrong: a missing 220 means the server (or something in front of it) does not greet; a 229 whose port cannot be reached means a firewall blocks the passive port range.',
      ],
    },
  ],
  [
    pairKey(227, 229),
    {
      summary:
        '227 (PASV) and 229 (EPSV) both open a passive data port, but 227 also names an IPv4 address, which is often wrong behind NAT, while 229 names only the port and means "same address as the control connection".',
      keyDifferences: [
        'Command: 227 answers PASV (RFC 959); 229 answers EPSV (RFC 2428).',
        'Contents: 227 gives h1,h2,h3,h4,p1,p2 (IPv4 address and port p1×256+p2); 229 gives only the port, as (|||port|).',
        'NAT: a server behind NAT may put its private address into 227, and clients that follow it fail; 229 cannot carry a wrong address.',
        'IPv6: 227 cannot describe an IPv6 address, so on IPv6 only EPSV/229 works.',
        'Clients: curl and most libraries try EPSV first; FileZilla uses PASV on IPv4 — so both must work for all users.',
        'Same cure for a blocked port: open the passive port range in the firewall, whichever of the two announced it.',
      ],
    },
  ],
  [
    pairKey(425, 426),
    {
      summary:
        '425 means the data connection never came up; 426 means it came up and then broke in the middle of the transfer.',
      keyDifferences: [
        'Timing: 425 arrives instead of, or right after, the 150 — no data flowed; 426 arrives after data started to flow.',
        'Usual cause of 425: the passive port is blocked by a firewall, the PASV address is wrong (NAT), or in active mode the server cannot connect back to the client.',
        'Usual cause of 426: the network dropped, a firewall or NAT timed out a long transfer, the client aborted (ABOR), or TLS on the data connection was shut down badly.',
        'What to do: for 425 fix reachability (open the passive range, set the public address); for 426 retry, then look at idle timeouts on stateful devices and the server’s data timeout.',
      ],
    },
  ],
  [
    pairKey(421, 530),
    {
      summary:
        '421 means the server is closing the connection for now (a limit, a timeout, a shutdown), so trying again later may work; 530 means the login was refused (or is required), which stays so until the credentials or the server settings change.',
      keyDifferences: [
        'Class: 421 is transient (4yz): retry later; 530 is permanent (5yz): retrying the same login fails again.',
        'Connection: after 421 the server closes the control connection; after 530 it usually stays open for another attempt.',
        'Typical causes of 421: too many users or too many connections from one address, idle or login timeout, server shutdown, a failed TLS handshake; Pure-FTPd also uses it when TLS is required.',
        'Typical causes of 530: wrong user name or password, a user not allowed to use FTP, anonymous login disabled, TLS required before login (vsftpd, FileZilla Server), or a command sent before logging in.',
        'Exception: ProFTPD reports its client limits (MaxClients …) with 530, not 421 — read the text.',
      ],
    },
  ],
  [
    pairKey(530, 534),
    {
      summary:
        '530 says "not logged in" (wrong credentials, a refused user, or a login required), 534 says "denied by security policy" — on IIS typically that TLS is required before USER. Both can mean "use FTPS", depending on the server.',
      keyDifferences: [
        'Group: 530 belongs to login and accounting (RFC 959); 534 comes from the security extensions (RFC 2228) and refuses something the server’s security policy does not allow.',
        'TLS required: vsftpd and FileZilla Server say 530 ("… must use encryption", "… use FTP over TLS"), IIS says 534 ("Policy requires SSL."), ProFTPD says 550 and Pure-FTPd 421.',
        'Other uses of 534: refusing an AUTH mechanism, a PROT level (such as PROT C when encrypted data is required), or CCC.',
        'What to do: for 530 check the user name, password and whether the account may use FTP; for 534 connect with explicit FTPS (AUTH TLS, PBSZ 0, PROT P) or relax the server’s TLS policy.',
      ],
    },
  ],
  [
    pairKey(550, 553),
    {
      summary:
        '550 means the file or directory is unavailable (missing or no access); 553 means the file name itself is not allowed, typically for an upload or a rename target.',
      keyDifferences: [
        'Commands: 550 answers RETR, CWD, DELE, SIZE, MDTM, MLSD and others on a path that does not exist or may not be used; 553 answers STOR, STOU, APPE, RNTO and MKD.',
        'Cause: 550 is about the object (not found, permission denied, or on vsftpd a command switched off in the configuration); 553 is about the name (forbidden characters, outside the allowed area, or no right to create files there).',
        'What to do: for 550 check the path and permissions; for 553 try a simpler name and check write permission on the target directory.',
      ],
    },
  ],
  [
    pairKey(125, 150),
    {
      summary:
        '125 and 150 both say "the transfer is starting"; 150 means the server is about to open or accept the data connection, 125 that it was already open. Both are normal and are followed by 226 (or an error).',
      keyDifferences: [
        '150: the data connection is not up yet; the server is about to open it (active) or accept it (passive).',
        '125: the data connection was already up, because the client connected to the passive port before sending the command; the transfer starts on it at once.',
        'Which one you see depends on the server and client timing (IIS often says 125, Unix servers 150); neither is a problem.',
        'If a transfer hangs after 150, the data connection is being blocked; after 125 it had already connected, so look for a later break instead.',
      ],
    },
  ],
]);

/** CLIENT_ACTION: what a client does next after a reply of each class. */
const CLIENT_ACTION: Readonly<Record<number, string>> = {
  1: 'wait for the final reply that will follow',
  2: 'go on with the next command',
  3: 'send the next command of the sequence',
  4: 'try again later, unchanged',
  5: 'change something (name, credentials, setting) before trying again',
  6: 'decode the protected reply inside',
};

function compared(code: number): ComparedCode {
  const digits = explainByDigits(code);
  const entry = lookupReplyCode(code);
  if (entry) {
    return {
      code,
      title: entry.title,
      meaning: entry.description,
      whenYouMeetIt: entry.whenYouSeeIt,
      whatToDo: entry.howToResolve,
      catalogued: true,
      digits,
    };
  }
  const { title, line } = describeReply(code);
  return {
    code,
    title,
    meaning: `${line} ${digits.first.meaning}`,
    whenYouMeetIt: 'Only on servers that invent their own codes; read the text that comes with it.',
    whatToDo: [`As for any ${digits.first.label.toLowerCase()} reply: ${CLIENT_ACTION[digits.first.digit]}.`],
    catalogued: false,
    digits,
  };
}

/** derivedDifferences spells out what the digits alone say about two codes. */
function derivedDifferences(a: ComparedCode, b: ComparedCode): string[] {
  const differences: string[] = [];
  const [fa, fb] = [a.digits.first, b.digits.first];
  const [sa, sb] = [a.digits.second, b.digits.second];
  if (fa.digit !== fb.digit) {
    differences.push(
      `Outcome: ${a.code} is a ${fa.label.toLowerCase()} reply, ${b.code} a ${fb.label.toLowerCase()} reply.`,
    );
    if (fa.digit >= 4 && fb.digit >= 4 && fa.digit <= 5 && fb.digit <= 5) {
      const [transient, permanent] = fa.digit === 4 ? [a, b] : [b, a];
      differences.push(
        `Retrying: the same command may succeed later after ${transient.code}; after ${permanent.code} it fails again until something changes.`,
      );
    }
  } else {
    differences.push(`Outcome: both are ${fa.label.toLowerCase()} replies.`);
  }
  if (sa.digit !== sb.digit) {
    differences.push(`Subject: ${a.code} is about ${sa.label}, ${b.code} about ${sb.label}.`);
  } else {
    differences.push(`Subject: both are about ${sa.label}; the third digit tells them apart.`);
  }
  differences.push(
    fa.digit === fb.digit
      ? `Next step for the client, in both cases: ${CLIENT_ACTION[fa.digit]}.`
      : `Next step for the client: after ${a.code}, ${CLIENT_ACTION[fa.digit]}; after ${b.code}, ${CLIENT_ACTION[fb.digit]}.`,
  );
  if (!a.catalogued || !b.catalogued) {
    const unknown = [a, b].filter((side) => !side.catalogued).map((side) => side.code);
    differences.push(`No standard defines ${unknown.join(' or ')}; it is read here by its digits only.`);
  }
  return differences;
}

function derivedSummary(a: ComparedCode, b: ComparedCode): string {
  const phrase = (side: ComparedCode): string =>
    `${side.code} (${side.title}) is a ${side.digits.first.label.toLowerCase()} reply about ${side.digits.second.label}`;
  return `${phrase(a)}; ${phrase(b)}.`;
}

/**
 * compareCodes puts two reply codes side by side. Pairs people often confuse (220/229, 227/229,
 * 425/426, 421/530, 530/534, 550/553, 125/150, in either order) get hand-written notes; any other
 * pair gets differences derived from the digits (outcome, subject, transient vs permanent, what
 * the client should do next). Throws InvalidReplyCodeError for a number outside 100–699.
 */
export function compareCodes(a: number, b: number): Comparison {
  for (const code of [a, b]) {
    if (!isReplyCode(code))
      throw new InvalidReplyCodeError(String(code), 'it is not a number from 100 to 699');
  }
  const left = compared(a);
  const right = compared(b);
  if (a === b) {
    return {
      a: left,
      b: right,
      keyDifferences: [],
      summary: `Both sides are ${a} (${left.title}); there is nothing to compare.`,
      curated: false,
    };
  }
  const note = PAIR_NOTES.get(pairKey(a, b));
  if (note) {
    return { a: left, b: right, keyDifferences: note.keyDifferences, summary: note.summary, curated: true };
  }
  return {
    a: left,
    b: right,
    keyDifferences: derivedDifferences(left, right),
    summary: derivedSummary(left, right),
    curated: false,
  };
}

/** CURATED_PAIRS lists the pairs with hand-written notes, smaller code first. */
export const CURATED_PAIRS: readonly (readonly [number, number])[] = [...PAIR_NOTES.keys()].map((key) => {
  const [low, high] = key.split('-').map(Number);
  return [low!, high!] as const;
});
