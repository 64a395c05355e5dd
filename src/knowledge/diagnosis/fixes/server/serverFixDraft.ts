import { ADDRESS_PLACEHOLDER, type CheckedServerContext, rangeRemark } from '../serverContext.js';

/** ServerFixDraft: a server fix before the dispatcher stamps audience and dialect on it. */
export interface ServerFixDraft {
  readonly title: string;
  readonly text: string;
}

/** draft joins lines into a ServerFixDraft. */
export function draft(title: string, lines: readonly string[]): ServerFixDraft {
  return { title, text: lines.join('\n') };
}

/**
 * rangeComment is the range remark as a comment line in the given comment syntax ('#' for most
 * configuration files, 'REM' for cmd.exe), or nothing when the range was observed.
 */
export function rangeComment(context: CheckedServerContext, prefix = '#'): string[] {
  const remark = rangeRemark(context);
  return remark === '' ? [] : [`${prefix} ${remark}`];
}

/** placeholderNote explains the address placeholder when the public IPv4 address is unknown. */
export function placeholderNote(context: CheckedServerContext, prefix = '#'): string[] {
  return context.pasvAddress === null
    ? [
        `${prefix} Replace ${ADDRESS_PLACEHOLDER} with the public IPv4 address clients connect to (PASV carries IPv4 only).`,
      ]
    : [];
}
