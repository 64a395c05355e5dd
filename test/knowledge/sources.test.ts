import { describe, expect, it } from 'vitest';
import { ALL_FINDINGS } from '../../src/knowledge/diagnosis/stepKnowledge.js';
import { CURATED_PAIRS, curatedPairSources } from '../../src/knowledge/reference/comparisons.js';
import { allReplyCodeEntries } from '../../src/knowledge/reference/replyCodes.js';
import { KNOWN_MESSAGES } from '../../src/knowledge/servers/knownMessages.js';
import { cite, DOCUMENTS, type DocumentId, rfc, type Source } from '../../src/knowledge/sources.js';

/** checkSource: a source names a catalogued document, a section, and the citation and address cite() gives. */
function checkSource(source: Source, where: string): void {
  expect(DOCUMENTS[source.document], `${where}: ${source.document}`).toBeDefined();
  expect(source.section.trim().length, where).toBeGreaterThan(0);
  expect(source, where).toEqual(cite(source.document, source.section));
}

describe('every piece of knowledge names its sources', () => {
  it.each(allReplyCodeEntries().map((entry) => [entry.code, entry] as const))(
    'reply code %i',
    (code, entry) => {
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const source of entry.sources) checkSource(source, String(code));
    },
  );

  it.each(CURATED_PAIRS.map(([low, high]) => `${low}/${high}`))('curated comparison %s', (pair) => {
    const [low, high] = pair.split('/').map(Number) as [number, number];
    const sources = curatedPairSources(low, high) ?? [];
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) checkSource(source, pair);
  });

  it.each(KNOWN_MESSAGES.map((rule) => [rule.id, rule] as const))('known server message %s', (id, rule) => {
    expect(rule.sources.length).toBeGreaterThan(0);
    for (const source of rule.sources) checkSource(source, id);
  });

  it.each(Object.entries(ALL_FINDINGS))('finding %s', (id, spec) => {
    expect(spec.sources.length).toBeGreaterThan(0);
    for (const source of spec.sources) checkSource(source as Source, id);
  });
});

describe('citations', () => {
  it.each([
    {
      input: rfc(959, '4.2.2'),
      citation: 'RFC 959 §4.2.2',
      url: 'https://www.rfc-editor.org/rfc/rfc959#section-4.2.2',
    },
    {
      input: rfc(959, 'Appendix II'),
      citation: 'RFC 959 Appendix II',
      url: 'https://www.rfc-editor.org/rfc/rfc959#appendix-II',
    },
    {
      input: cite('vsftpd.conf.5', 'pasv_min_port'),
      citation: 'vsftpd.conf(5): pasv_min_port',
      url: DOCUMENTS['vsftpd.conf.5'].url,
    },
  ])('$citation', ({ input, citation, url }) => {
    expect(input.citation).toBe(citation);
    expect(input.url).toBe(url);
  });

  it('every document has a title and an https or http address', () => {
    for (const [id, document] of Object.entries(DOCUMENTS) as [
      DocumentId,
      (typeof DOCUMENTS)[DocumentId],
    ][]) {
      expect(document.title.length, id).toBeGreaterThan(5);
      expect(document.url, id).toMatch(/^https?:\/\/\S+$/);
    }
  });
});

/**
 * Addresses that document nothing a citation can point at: a site's home page, a download page.
 * A citation names a section ("Passive mode: Use custom port range"), so its address must be the
 * page that holds that section. The FileZilla Server download page was cited for six settings once.
 */
const NOT_A_DOCUMENTATION_PAGE: readonly RegExp[] = [
  /\/(server|client|download)\.php$/i,
  /\/downloads?\/?$/i,
  /^https?:\/\/[^/]+\/?$/,
];

describe('every cited address documents what is cited', () => {
  it.each(Object.entries(DOCUMENTS))('%s is not a download or home page', (_id, document) => {
    for (const pattern of NOT_A_DOCUMENTATION_PAGE) expect(document.url).not.toMatch(pattern);
  });

  it('the denylist catches the download page that was once cited', () => {
    const caught = (url: string) => NOT_A_DOCUMENTATION_PAGE.some((pattern) => pattern.test(url));
    expect(caught('https://filezilla-project.org/server.php')).toBe(true);
    expect(caught('https://filezilla-project.org/')).toBe(true);
    expect(
      caught('https://filezillapro.com/docs/server/advanced-options/filezilla-server-passive-mode/'),
    ).toBe(false);
  });

  it('FileZilla Server settings are cited from the page that documents them', () => {
    for (const document of Object.values(DOCUMENTS).filter((entry) => /FileZilla/i.test(entry.title))) {
      expect(document.url).toMatch(
        /filezillapro\.com\/docs\/server\/.+|wiki\.filezilla-project\.org\/.+|NET-408/,
      );
    }
  });
});
