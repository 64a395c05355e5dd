import { FIREWALL_DIALECTS } from '../knowledge/diagnosis/fixes/firewall.js';
import { SERVER_DIALECTS } from '../knowledge/diagnosis/fixes/server.js';

/**
 * FIX_DIALECT_CHOICES: what `--fix-for` accepts: every dialect the knowledge layer writes fixes
 * in, and 'all'. The lists are imported, so a new server or firewall dialect is accepted (and
 * completed) as soon as its fixes exist.
 */
export const FIX_DIALECT_CHOICES: readonly string[] = [
  ...SERVER_DIALECTS,
  ...FIREWALL_DIALECTS,
  'curl',
  'filezilla',
  'all',
];
