/**
 * What the digits of an FTP reply code say on their own (RFC 959 §4.2.1, RFC 2228 §3 for 6yz).
 * Used for codes no standard defines (299, 433 …) and to check codes typed on the command line.
 */

/** ReplyClass names the first digit: how far the command got. */
export type ReplyClass =
  | 'positive-preliminary'
  | 'positive-completion'
  | 'positive-intermediate'
  | 'transient-negative'
  | 'permanent-negative'
  | 'protected';

/** ReplyGroup names the second digit: what the reply is about. */
export type ReplyGroup =
  | 'syntax'
  | 'information'
  | 'connections'
  | 'authentication'
  | 'unspecified'
  | 'file-system'
  | 'undefined';

/** DigitMeaning is one digit of a reply code, named and explained. */
export interface DigitMeaning<Name extends string> {
  readonly digit: number;
  readonly name: Name;
  readonly label: string;
  readonly meaning: string;
}

/** DigitExplanation: the first two digits of a code and a one-line reading of both. */
export interface DigitExplanation {
  readonly code: number;
  readonly first: DigitMeaning<ReplyClass>;
  readonly second: DigitMeaning<ReplyGroup>;
  /** One line, e.g. 'Permanent negative reply about the file system.' */
  readonly summary: string;
}

const CLASSES: Readonly<Record<number, Omit<DigitMeaning<ReplyClass>, 'digit'>>> = {
  1: {
    name: 'positive-preliminary',
    label: 'Positive preliminary',
    meaning:
      'The server has started the action and will send one more reply when it finishes; the client waits for that second reply before sending another command.',
  },
  2: {
    name: 'positive-completion',
    label: 'Positive completion',
    meaning: 'The action finished successfully; the client may send its next command.',
  },
  3: {
    name: 'positive-intermediate',
    label: 'Positive intermediate',
    meaning:
      'The command was accepted but is on hold: the next command of the sequence must supply the rest (USER then PASS, RNFR then RNTO, REST then RETR/STOR, AUTH then ADAT).',
  },
  4: {
    name: 'transient-negative',
    label: 'Transient negative',
    meaning:
      'The action was not done, but the condition is temporary: the same command may succeed if it is tried again later.',
  },
  5: {
    name: 'permanent-negative',
    label: 'Permanent negative',
    meaning:
      'The action was not done, and repeating the same command will fail again until something changes: a name, a permission, a setting.',
  },
  6: {
    name: 'protected',
    label: 'Protected',
    meaning:
      'The reply is wrapped by an RFC 2228 security mechanism: its text is base64 carrying the real reply (631 integrity, 632 integrity and confidentiality, 633 confidentiality).',
  },
};

const GROUPS: Readonly<Record<number, Omit<DigitMeaning<ReplyGroup>, 'digit'>>> = {
  0: {
    name: 'syntax',
    label: 'syntax',
    meaning: 'about command syntax: unknown, unimplemented, superfluous or malformed commands.',
  },
  1: {
    name: 'information',
    label: 'information',
    meaning: 'about information requests: status and help.',
  },
  2: {
    name: 'connections',
    label: 'connections',
    meaning: 'about the control and data connections.',
  },
  3: {
    name: 'authentication',
    label: 'authentication and accounting',
    meaning: 'about login, accounts and (RFC 2228) security exchanges.',
  },
  4: {
    name: 'unspecified',
    label: 'a group RFC 959 left unassigned',
    meaning: 'left unassigned by RFC 959; codes in this group are extensions or non-standard.',
  },
  5: {
    name: 'file-system',
    label: 'the file system',
    meaning: 'about the file system: files, directories, storage.',
  },
};

const UNDEFINED_GROUP: Omit<DigitMeaning<ReplyGroup>, 'digit'> = {
  name: 'undefined',
  label: 'an unassigned group',
  meaning: 'no standard assigns a meaning to this second digit.',
};

/**
 * InvalidReplyCodeError: a string given where a reply code was expected is not one.
 * The message says what was wrong and what a reply code looks like.
 */
export class InvalidReplyCodeError extends Error {
  override readonly name = 'InvalidReplyCodeError';
  constructor(
    readonly input: string,
    readonly reason: InvalidReplyCodeReason,
  ) {
    super(
      `${JSON.stringify(input)} is not an FTP reply code: ${reasonInEnglish(reason)}. ` +
        'A reply code is three digits whose first digit is 1 to 6, e.g. 229 or 530.',
    );
  }
}

/** InvalidReplyCodeReason says why an input is not a reply code, as data each language words itself. */
export type InvalidReplyCodeReason =
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-digits' }
  | { readonly kind: 'length'; readonly digits: number }
  | { readonly kind: 'first-digit'; readonly digit: string }
  | { readonly kind: 'range' };

function reasonInEnglish(reason: InvalidReplyCodeReason): string {
  switch (reason.kind) {
    case 'empty':
      return 'it is empty';
    case 'not-digits':
      return 'it contains characters other than digits';
    case 'length':
      return `it has ${reason.digits} digits instead of 3`;
    case 'first-digit':
      return `its first digit is ${reason.digit}, but FTP only uses 1 to 6 (1 preliminary, 2 completion, 3 intermediate, 4 transient failure, 5 permanent failure, 6 protected)`;
    case 'range':
      return 'it is not a number from 100 to 699';
  }
}

/** isReplyCode tells whether a number has the shape of an FTP reply code (100–699). */
export function isReplyCode(code: number): boolean {
  return Number.isInteger(code) && code >= 100 && code <= 699;
}

/**
 * explainByDigits reads a reply code by its digits alone, as RFC 959 §4.2.1 lays them out.
 * Throws InvalidReplyCodeError for a number outside 100–699.
 */
export function explainByDigits(code: number): DigitExplanation {
  if (!isReplyCode(code)) {
    throw new InvalidReplyCodeError(String(code), { kind: 'range' });
  }
  const firstDigit = Math.floor(code / 100);
  const secondDigit = Math.floor(code / 10) % 10;
  const first = { digit: firstDigit, ...CLASSES[firstDigit]! };
  const second = { digit: secondDigit, ...(GROUPS[secondDigit] ?? UNDEFINED_GROUP) };
  return {
    code,
    first,
    second,
    summary:
      second.name === 'undefined'
        ? `${first.label} reply; its second digit (${secondDigit}) belongs to no group the standards define.`
        : `${first.label} reply about ${second.label}.`,
  };
}

/**
 * parseReplyCodeArg turns a command-line argument such as '229' into a reply code.
 * Surrounding spaces are ignored; anything else that is not exactly three digits with a
 * first digit from 1 to 6 throws InvalidReplyCodeError.
 */
export function parseReplyCodeArg(input: string): number {
  const trimmed = input.trim();
  if (trimmed === '') {
    throw new InvalidReplyCodeError(input, { kind: 'empty' });
  }
  if (!/^[0-9]+$/.test(trimmed)) {
    throw new InvalidReplyCodeError(input, { kind: 'not-digits' });
  }
  if (trimmed.length !== 3) {
    throw new InvalidReplyCodeError(input, { kind: 'length', digits: trimmed.length });
  }
  const code = Number(trimmed);
  if (!isReplyCode(code)) {
    throw new InvalidReplyCodeError(input, { kind: 'first-digit', digit: trimmed[0]! });
  }
  return code;
}
