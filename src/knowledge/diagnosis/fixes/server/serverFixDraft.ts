import type { Sources } from '../../../sources.js';
import { ADDRESS_PLACEHOLDER, type CheckedServerContext, rangeRemark } from '../serverContext.js';

/**
 * ServerFixDraft: a server fix before the dispatcher stamps audience, dialect and sources on it.
 * `sources` replaces the dialect's sources for the topic (serverFixSources.ts) when the text
 * follows another document, such as a container image's README.
 */
export interface ServerFixDraft {
  readonly title: string;
  readonly text: string;
  readonly sources?: Sources;
}

/** draft joins lines into a ServerFixDraft. */
export function draft(title: string, lines: readonly string[], sources?: Sources): ServerFixDraft {
  return sources === undefined
    ? { title, text: lines.join('\n') }
    : { title, text: lines.join('\n'), sources };
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
