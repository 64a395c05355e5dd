import { DEVICE_DIALECTS, DEVICE_FIX_PATHS, deviceFixes } from '../../servers/devices/deviceFixes.js';
import type { SoftwareId } from '../../servers/softwareIds.js';
import type { Sources } from '../../sources.js';
import type { Fix } from '../../types.js';
import { filezillaFixes } from './server/filezillaServer.js';
import { genericFixes } from './server/generic.js';
import { iisFixes } from './server/iis.js';
import { proftpdFixes } from './server/proftpd.js';
import { pureFtpdFixes } from './server/pureFtpd.js';
import { pyftpdlibFixes } from './server/pyftpdlib.js';
import type { ServerFixDraft } from './server/serverFixDraft.js';
import {
  FILEZILLA_FIX_SOURCES,
  GENERIC_FIX_SOURCES,
  IIS_FIX_SOURCES,
  PROFTPD_FIX_SOURCES,
  PURE_FTPD_FIX_SOURCES,
  PYFTPDLIB_FIX_SOURCES,
  VSFTPD_FIX_SOURCES,
} from './server/serverFixSources.js';
import { vsftpdFixes } from './server/vsftpd.js';
import {
  type CheckedServerContext,
  checkServerContext,
  type ServerFixContext,
  type ServerFixTopic,
} from './serverContext.js';

export type { ServerFixContext, ServerFixTopic } from './serverContext.js';
export { SERVER_FIX_TOPICS } from './serverContext.js';

/**
 * SERVER_DIALECTS: the server dialects with a configuration file of their own, in the order fixes
 * are listed; 'generic' names no product. Each is a SoftwareId, so a dialect the fingerprint cannot
 * name does not compile. Appliances (DEVICE_DIALECTS) come on top.
 */
export const SERVER_DIALECTS = [
  'vsftpd',
  'proftpd',
  'pure-ftpd',
  'filezilla-server',
  'iis',
  'pyftpdlib',
  'generic',
] as const satisfies readonly (SoftwareId | 'generic')[];
export type ServerDialect = (typeof SERVER_DIALECTS)[number];

type FixGenerator = (topic: ServerFixTopic, context: CheckedServerContext) => ServerFixDraft[];

const GENERATORS: Record<ServerDialect, FixGenerator> = {
  vsftpd: vsftpdFixes,
  proftpd: proftpdFixes,
  'pure-ftpd': pureFtpdFixes,
  'filezilla-server': filezillaFixes,
  iis: iisFixes,
  pyftpdlib: pyftpdlibFixes,
  generic: genericFixes,
};

const SOURCES: Record<ServerDialect, Readonly<Record<ServerFixTopic, Sources>>> = {
  vsftpd: VSFTPD_FIX_SOURCES,
  proftpd: PROFTPD_FIX_SOURCES,
  'pure-ftpd': PURE_FTPD_FIX_SOURCES,
  'filezilla-server': FILEZILLA_FIX_SOURCES,
  iis: IIS_FIX_SOURCES,
  pyftpdlib: PYFTPDLIB_FIX_SOURCES,
  generic: GENERIC_FIX_SOURCES,
};

/** DEVICE_GENERATORS: the appliances' fix paths, by software id. */
const DEVICE_GENERATORS: ReadonlyMap<string, FixGenerator> = new Map(
  DEVICE_FIX_PATHS.flatMap((path) => path.software.map((id) => [id, deviceFixes(path)] as const)),
);

/** ALL_SERVER_DIALECTS: the daemons' dialects and the appliances', for --fix-for and tests. */
export const ALL_SERVER_DIALECTS: readonly (ServerDialect | SoftwareId)[] = [
  ...SERVER_DIALECTS.filter((dialect) => dialect !== 'generic'),
  ...DEVICE_DIALECTS,
  'generic',
];

function isServerDialect(name: string): name is ServerDialect {
  return (SERVER_DIALECTS as readonly string[]).includes(name);
}

function generatorFor(dialect: string): FixGenerator | undefined {
  return isServerDialect(dialect) ? GENERATORS[dialect] : DEVICE_GENERATORS.get(dialect);
}

/**
 * defaultDialects: the detected product's dialect (a daemon's or an appliance's fix path); generic
 * advice for a product we have no dialect for (CrushFTP, Gene6, …); generic first and then every
 * daemon when nothing was detected, because then any of them may be the one.
 */
function defaultDialects(software: string): readonly string[] {
  if ((isServerDialect(software) || DEVICE_GENERATORS.has(software)) && software !== 'generic')
    return [software];
  if (software !== '' && software !== 'unknown') return ['generic'];
  return ['generic', ...SERVER_DIALECTS.filter((dialect) => dialect !== 'generic')];
}

/**
 * serverFixes writes the configuration change for `topic`: one or more Fix per server dialect
 * (`context.dialects`, else see defaultDialects), in ALL_SERVER_DIALECTS order for an explicit
 * list. Each text says which file or screen it belongs in and how to apply it; when no passive
 * range was observed the range in it is a suggestion and says so. A device's drafts carry their
 * own sources; the generic advice a device falls back on carries the generic ones.
 *
 * @throws FixInputError when `context.passiveRange` is not a valid port range.
 */
export function serverFixes(topic: ServerFixTopic, context: ServerFixContext): Fix[] {
  const checked = checkServerContext(context);
  const dialects =
    context.dialects === undefined
      ? defaultDialects(context.software)
      : ALL_SERVER_DIALECTS.filter((dialect) => context.dialects?.includes(dialect));
  return dialects.flatMap((dialect) =>
    (generatorFor(dialect)?.(topic, checked) ?? []).map(
      (draft): Fix => ({
        audience: 'server',
        dialect,
        title: draft.title,
        text: draft.text,
        sources: draft.sources ?? (isServerDialect(dialect) ? SOURCES[dialect] : GENERIC_FIX_SOURCES)[topic],
      }),
    ),
  );
}
