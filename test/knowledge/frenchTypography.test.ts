import { describe, expect, it } from 'vitest';
import { CURATED_PAIRS, compareCodes } from '../../src/knowledge/reference/comparisons.js';
import { FRENCH } from '../../src/knowledge/reference/fr/french.js';
import { lowerInitial } from '../../src/knowledge/reference/fr/frenchTypography.js';
import { ALL_REPLY_CODES, explainCode } from '../../src/knowledge/reference/replyCodes.js';
import { DOCUMENTS, type DocumentId } from '../../src/knowledge/sources.js';
import { renderCompare, renderExplain } from '../../src/report/explain/explainText.js';
import { plainStyle } from '../../src/report/text/style.js';

/**
 * French pages as printed: a space before every colon ftp-doctor writes, no capital and no second
 * colon right after the labels it joins, and the document descriptions under "En savoir plus" in
 * French. Server messages quoted « … » or "…", addresses and option values keep their own colons.
 */

const page = { width: 100 };

/** ownText drops what ftp-doctor quotes or points at: « … », "…", URLs, ports and IPv6 addresses. */
function ownText(text: string): string {
  return text
    .replace(/«[^»]*»/g, '')
    .replace(/"[^"\n]*"/g, '')
    .replace(/\bhttps?:\/\/\S+/g, '')
    .replace(/\b\w+:\/\/\S*/g, '')
    .replace(/\[[0-9a-f:]+\]|::1|[0-9a-f]*::[0-9a-f:]*/gi, '');
}

function frenchPages(): string[] {
  const explain = ALL_REPLY_CODES.map((code) =>
    renderExplain([explainCode(code, FRENCH)], plainStyle, page, 'fr', FRENCH.documentTitles),
  );
  const pairs: (readonly [number, number])[] = [
    ...CURATED_PAIRS,
    [213, 530],
    [332, 503],
    [450, 550],
    [299, 433],
  ];
  const compare = pairs.map(([a, b]) =>
    renderCompare(compareCodes(a, b, FRENCH), plainStyle, page, 'fr', FRENCH.documentTitles),
  );
  return [...explain, ...compare];
}

describe('French typography in explain and compare', () => {
  const pages = frenchPages();

  it('every colon ftp-doctor writes has a space before it', () => {
    for (const text of pages) {
      // "En savoir plus" lists document names and sections as their authors wrote them.
      const own = ownText(text.slice(0, text.indexOf('  En savoir plus')));
      const glued = own.split('\n').filter((line) => /[^\s\d]:(\s|$)/.test(line));
      expect(glued, text.split('\n')[0]).toEqual([]);
      const citations = text
        .split('\n')
        .filter((line) => /^ {4}• (vsftpd\.conf\(5\)|curl\(1\)|ProFTPD mod_)/.test(line));
      for (const line of citations) expect(line).toMatch(/^ {4}• \S+( \S+)? : /);
    }
  });

  it('no capital and no second colon right after a label ftp-doctor joins', () => {
    for (const text of pages) {
      expect(text).not.toMatch(/(Circonstances de|Après) \d{3}[ ,:]+ ?(Après|Rien|Le|La|Les|En)\b/);
      expect(text).not.toMatch(/Après \d{3} : [^\n]* : /);
      expect(text).not.toMatch(/^ {4}\d{3} — [A-ZÀ-Ý][a-zà-ÿ]+ /m);
    }
  });

  it('the titles of the translations are French', () => {
    const text = pages.join('\n');
    expect(text).not.toMatch(/Quand utiliser lequel|définie par aucune norme|Issue :/);
    expect(text).toMatch(/Que faire dans chaque cas/);
  });

  it('every non-RFC document has a French description, and "En savoir plus" prints it', () => {
    for (const [id, document] of Object.entries(DOCUMENTS) as [
      DocumentId,
      (typeof DOCUMENTS)[DocumentId],
    ][]) {
      if (document.kind === 'rfc') continue;
      expect(FRENCH.documentTitles[id], id).toBeDefined();
    }
    const text = renderExplain([explainCode(220, FRENCH)], plainStyle, page, 'fr', FRENCH.documentTitles);
    expect(text).toContain(
      'vsftpd.conf(5) : ftpd_banner — page de manuel du fichier de configuration de vsftpd',
    );
    expect(text).not.toMatch(/configuration file manual page|curl manual page/);
  });

  it('lowerInitial keeps names, acronyms and commands', () => {
    expect(lowerInitial('Après MDTM.')).toBe('après MDTM.');
    expect(lowerInitial('L’adresse')).toBe('l’adresse');
    for (const kept of ['FileZilla Server', 'IIS', 'PASS sans USER', 'ProFTPD', 'Windows'])
      expect(lowerInitial(kept)).toBe(kept);
  });
});
