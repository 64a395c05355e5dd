import { describe, expect, it } from 'vitest';
import { compareCodes } from '../../src/knowledge/reference/comparisons.js';
import { ALL_REPLY_CODES, explainCode } from '../../src/knowledge/reference/replyCodes.js';
import { compareJson, explainJson } from '../../src/report/explain/explainJson.js';

describe('explainJson', () => {
  it('is versioned plain data that survives JSON.stringify unchanged', () => {
    const document = explainJson(ALL_REPLY_CODES.map((code) => explainCode(code)));
    expect(document.schemaVersion).toBe(1);
    expect(document.codes).toHaveLength(ALL_REPLY_CODES.length);
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it('carries everything the text shows, with named digits', () => {
    const [code] = explainJson([explainCode(522)]).codes;
    expect(code).toMatchObject({
      code: 522,
      title: 'Network protocol not supported / TLS on the data connection failed',
      catalogued: true,
      class: { digit: 5, name: 'permanent-negative' },
      group: { digit: 2, name: 'connections' },
      rfc: ['RFC 2428 §2', 'RFC 2428 §3', 'RFC 4217 §10.2', 'RFC 4217 §11.4'],
    });
    expect(code?.howToResolve.length).toBeGreaterThan(1);
    expect(code?.contexts.map((context) => context.afterCommands[0])).toEqual(['EPRT', 'RETR']);
    expect(code?.sources.map((source) => source.citation)).toContain(
      'vsftpd.conf(5): require_ssl_reuse, force_local_data_ssl',
    );
    expect(code?.sources.every((source) => source.url.startsWith('http'))).toBe(true);
  });

  it('gives uncatalogued codes an empty contexts list rather than leaving it out', () => {
    const [code] = explainJson([explainCode(299)]).codes;
    expect(code?.catalogued).toBe(false);
    expect(code?.contexts).toEqual([]);
    expect(code?.group.name).toBe('undefined');
  });
});

describe('compareJson', () => {
  it('holds both sides, the summary and the differences', () => {
    const document = compareJson(compareCodes(530, 534));
    expect(document.schemaVersion).toBe(1);
    expect(document.curated).toBe(true);
    expect(document.a.code).toBe(530);
    expect(document.b.code).toBe(534);
    expect(document.a.class.name).toBe('permanent-negative');
    expect(document.keyDifferences.length).toBeGreaterThan(2);
    expect(document.whenToUseWhich.length).toBeGreaterThan(1);
    expect(document.sources.map((source) => source.citation)).toContain('RFC 2228 §5.1');
    expect(document.language).toBe('en');
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});
