import { PACKET_FILTER_DIALECT } from '../knowledge/diagnosis/fixes/filterRule.js';
import { FIREWALL_DIALECTS } from '../knowledge/diagnosis/fixes/firewall.js';
import { ALL_SERVER_DIALECTS } from '../knowledge/diagnosis/fixes/server.js';
import { ALL_DIALECTS } from '../report/text/selectFixes.js';

/**
 * FIX_DIALECT_CHOICES: what `--fix-for` accepts: every dialect the knowledge layer writes fixes
 * in (servers and firewalls; advice for clients is written for every client, as 'generic'), and
 * the word that turns the filter off. A new server or firewall dialect is accepted (and
 * completed) as soon as its fixes exist.
 */
export const FIX_DIALECT_CHOICES: readonly string[] = [
  ...ALL_SERVER_DIALECTS,
  ...FIREWALL_DIALECTS,
  PACKET_FILTER_DIALECT,
  ALL_DIALECTS,
];
