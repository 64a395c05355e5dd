import type { Fix } from '../../knowledge/types.js';

/** ALL_DIALECTS: the word that turns the filter off. */
export const ALL_DIALECTS = 'all';

/** DEFAULT_DIALECTS_SHOWN: how many dialects a finding shows when the user named none. */
const DEFAULT_DIALECTS_SHOWN = 2;

/** FixSelection: the fixes to show and the ones the selection left out, both in ranked order. */
export interface FixSelection {
  readonly shown: readonly Fix[];
  readonly hidden: readonly Fix[];
}

/**
 * selectFixes picks what a report shows of a finding's fixes, which arrive ranked by likelihood
 * (knowledge/diagnosis/fixes/fixRanking.ts) and keep that order.
 *
 * - `dialects` null (no --fix-for): the best-ranked fixes in the first one or two dialects that fit
 *   the detected server (its own dialect or 'generic') or any firewall, one dialect per audience, so
 *   a reader sees the likeliest remedy and the matching firewall rule, not every product's.
 * - a list (--fix-for): those dialects, plus the best-ranked server advice when the list names no
 *   server dialect; 'all' shows everything. Matching ignores case.
 *
 * A finding that has fixes never shows none: when nothing matches, its best-ranked fix is shown,
 * so a report never ends a finding with only "N more fixes".
 */
export function selectFixes(
  fixes: readonly Fix[],
  dialects: readonly string[] | null,
  software: string | null,
): FixSelection {
  const wanted = dialects === null ? null : new Set(dialects.map((dialect) => dialect.toLowerCase()));
  if (wanted?.has(ALL_DIALECTS)) return { shown: fixes, hidden: [] };
  const chosen = wanted === null ? defaultDialects(fixes, software) : namedDialects(fixes, wanted, software);
  if (chosen.size === 0 && fixes.length > 0) chosen.add(key(fixes[0]!));
  const shown: Fix[] = [];
  const hidden: Fix[] = [];
  for (const fix of fixes) (chosen.has(key(fix)) ? shown : hidden).push(fix);
  return { shown, hidden };
}

/** key: a dialect within its audience ('generic' server advice is not 'generic' client advice). */
function key(fix: Fix): string {
  return `${fix.audience}/${fix.dialect.toLowerCase()}`;
}

function fitsServer(fix: Fix, software: string | null): boolean {
  return fix.dialect === 'generic' || (software !== null && fix.dialect === software);
}

/** defaultDialects: walking the ranked fixes, the first fitting dialect of each audience, at most two. */
function defaultDialects(fixes: readonly Fix[], software: string | null): Set<string> {
  const chosen = new Set<string>();
  const audiences = new Set<string>();
  for (const fix of fixes) {
    if (chosen.size >= DEFAULT_DIALECTS_SHOWN) break;
    if (audiences.has(fix.audience)) continue;
    const fits = fix.audience === 'server' || fix.audience === 'client' ? fitsServer(fix, software) : true;
    if (!fits) continue;
    chosen.add(key(fix));
    audiences.add(fix.audience);
  }
  return chosen;
}

/** namedDialects: the dialects asked for, and the best server advice when none of them is a server's. */
function namedDialects(
  fixes: readonly Fix[],
  wanted: ReadonlySet<string>,
  software: string | null,
): Set<string> {
  const chosen = new Set(fixes.filter((fix) => wanted.has(fix.dialect.toLowerCase())).map(key));
  const namesServer = fixes.some((fix) => fix.audience === 'server' && wanted.has(fix.dialect.toLowerCase()));
  if (!namesServer) {
    const best = fixes.find((fix) => fix.audience === 'server' && fitsServer(fix, software));
    if (best) chosen.add(key(best));
  }
  return chosen;
}

/** hiddenNote: a short line about what the selection left out, or null when nothing was. */
export function hiddenNote(hidden: readonly Fix[]): string | null {
  if (hidden.length === 0) return null;
  const dialects = [...new Set(hidden.map((fix) => fix.dialect))];
  const named =
    dialects.length <= 4
      ? dialects.join(', ')
      : `${dialects.slice(0, 3).join(', ')} and ${dialects.length - 3} more`;
  const them = hidden.length === 1 ? 'it' : 'them';
  return `${hidden.length} more fix${hidden.length === 1 ? '' : 'es'} for ${named}: -v shows ${them}, --fix-for picks dialects`;
}
