import type { Fix } from '../../knowledge/types.js';

/** FIREWALL_DIALECTS_SHOWN: the Linux packet filters a human report shows fixes for by default. */
export const FIREWALL_DIALECTS_SHOWN: readonly string[] = ['iptables', 'nftables', 'ufw', 'firewalld'];

/** CLIENT_DIALECTS_SHOWN: clients whose fixes are short and widely useful. */
const CLIENT_DIALECTS_SHOWN: readonly string[] = ['curl', 'filezilla'];

/** ALL_DIALECTS: the word that turns the filter off. */
export const ALL_DIALECTS = 'all';

/**
 * defaultFixDialects is what a human report shows when the user picked no dialect: 'generic', the
 * fixes for the detected server software, the four Linux firewalls, and curl and FileZilla. When
 * the software is unknown only the generic server advice is shown: six products' configuration
 * would bury the finding, and the report names the hidden dialects so one can be asked for.
 * Windows, cloud and Kubernetes fixes are left to --fix-for and the JSON report, which always
 * holds all.
 */
export function defaultFixDialects(software: string | null): readonly string[] {
  const servers = software !== null && software !== 'unknown' ? [software] : [];
  return ['generic', ...servers, ...FIREWALL_DIALECTS_SHOWN, ...CLIENT_DIALECTS_SHOWN];
}

/** FixSelection: the fixes to show and the ones the dialect filter hid. */
export interface FixSelection {
  readonly shown: readonly Fix[];
  readonly hidden: readonly Fix[];
}

/**
 * selectFixes splits fixes by dialect. `dialects` null means defaultFixDialects(software); a list
 * holding 'all' shows everything. Matching ignores case.
 */
export function selectFixes(
  fixes: readonly Fix[],
  dialects: readonly string[] | null,
  software: string | null,
): FixSelection {
  const wanted = new Set((dialects ?? defaultFixDialects(software)).map((dialect) => dialect.toLowerCase()));
  if (wanted.has(ALL_DIALECTS)) return { shown: fixes, hidden: [] };
  const shown: Fix[] = [];
  const hidden: Fix[] = [];
  for (const fix of fixes) (wanted.has(fix.dialect.toLowerCase()) ? shown : hidden).push(fix);
  return { shown, hidden };
}
