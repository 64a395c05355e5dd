import type { Fix } from '../types.js';
import { genericFix } from './server/generic.js';
import {
  type CheckedServerContext,
  checkServerContext,
  type ServerFixContext,
  type ServerFixTopic,
} from './serverContext.js';

export type { ServerFixContext, ServerFixTopic } from './serverContext.js';
export { SERVER_FIX_TOPICS } from './serverContext.js';

/** SERVER_DIALECTS: every server dialect, in the order fixes are listed; 'generic' names no product. */
export const SERVER_DIALECTS = [
  'vsftpd',
  'proftpd',
  'pure-ftpd',
  'filezilla-server',
  'iis',
  'pyftpdlib',
  'generic',
] as const;
export type ServerDialect = (typeof SERVER_DIALECTS)[number];

/** A generator returns null when its product has nothing to change for the topic. */
type ServerFixGenerator = (topic: ServerFixTopic, context: CheckedServerContext) => Fix | null;

const GENERATORS: Record<ServerDialect, ServerFixGenerator> = {
  vsftpd: genericFix,
  proftpd: genericFix,
  'pure-ftpd': genericFix,
  'filezilla-server': genericFix,
  iis: genericFix,
  pyftpdlib: genericFix,
  generic: genericFix,
};

function isServerDialect(name: string): name is ServerDialect {
  return (SERVER_DIALECTS as readonly string[]).includes(name);
}

/**
 * serverFixes writes the configuration change for `topic`, one Fix per server dialect: by default
 * only for the detected software, or for every dialect (generic advice first) when the software
 * is unknown. Each text says which file or screen it belongs in and how to apply it.
 *
 * @throws FixInputError when `context.passiveRange` is not a valid port range.
 */
export function serverFixes(topic: ServerFixTopic, context: ServerFixContext): Fix[] {
  const checked = checkServerContext(context);
  let dialects: readonly ServerDialect[];
  if (context.dialects !== undefined) {
    dialects = SERVER_DIALECTS.filter((dialect) => context.dialects?.includes(dialect));
  } else if (isServerDialect(context.software) && context.software !== 'generic') {
    dialects = [context.software];
  } else {
    dialects = ['generic', ...SERVER_DIALECTS.filter((dialect) => dialect !== 'generic')];
  }
  return dialects.flatMap((dialect) => {
    const fix = GENERATORS[dialect](topic, checked);
    return fix === null ? [] : [{ ...fix, dialect }];
  });
}
