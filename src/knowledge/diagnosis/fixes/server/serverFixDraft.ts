import type { Sources } from '../../../sources.js';
import {
  ADDRESS_PLACEHOLDER,
  type CheckedServerContext,
  rangeRemark,
  type ServerFixTopic,
} from '../serverContext.js';

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

/** ServerFixWriter writes one topic's drafts for one dialect. */
export type ServerFixWriter = (context: CheckedServerContext) => ServerFixDraft[];

/**
 * ServerFixTable: a dialect's writer for every topic. Keyed by every ServerFixTopic, so a dialect
 * that leaves a topic out does not compile.
 */
export type ServerFixTable = Readonly<Record<ServerFixTopic, ServerFixWriter>>;

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

/** announcedAddress: the address a PASV setting should carry, or the placeholder when it is unknown. */
export function announcedAddress(context: CheckedServerContext): string {
  return context.pasvAddress ?? ADDRESS_PLACEHOLDER;
}

/** placeholderNote explains the address placeholder when the public IPv4 address is unknown. */
export function placeholderNote(context: CheckedServerContext, prefix = '#'): string[] {
  return context.pasvAddress === null
    ? [
        `${prefix} Replace ${ADDRESS_PLACEHOLDER} with the public IPv4 address clients connect to (PASV carries IPv4 only).`,
      ]
    : [];
}
