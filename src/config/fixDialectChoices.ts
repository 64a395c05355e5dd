import { FIREWALL_DIALECTS } from '../knowledge/diagnosis/fixes/firewall.js';
import { SERVER_DIALECTS } from '../knowledge/diagnosis/fixes/server.js';
import { ALL_DIALECTS } from '../report/text/selectFixes.js';

/**
 * CLIENT_DIALECTS: the clients whose fixes the diagnosis rules write (as `audience: 'client'`).
 * The knowledge layer has no exported list of them yet; the server and firewall lists are its own.
 */
const CLIENT_DIALECTS = ['curl', 'filezilla'] as const;

/**
 * FIX_DIALECT_CHOICES: what `--fix-for` accepts: every dialect the knowledge layer writes fixes
 * in, and the word that turns the filter off. A new server or firewall dialect is accepted (and
 * completed) as soon as its fixes exist.
 */
export const FIX_DIALECT_CHOICES: readonly string[] = [
  ...SERVER_DIALECTS,
  ...FIREWALL_DIALECTS,
  ...CLIENT_DIALECTS,
  ALL_DIALECTS,
];
