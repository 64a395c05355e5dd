import { describe, expect, it } from 'vitest';
import { compareCodes } from '../../src/knowledge/reference/comparisons.js';
import { ALL_REPLY_CODES, explainCode } from '../../src/knowledge/reference/replyCodes.js';
import { renderCompare, renderExplain } from '../../src/report/explain/explainText.js';
import { plainStyle, type Style } from '../../src/report/text/style.js';

/** tagStyle marks every styled span, so tests can see which colour went where. */
const tagStyle: Style = {
  bold: (text) => `<b>${text}</b>`,
  dim: (text) => `<dim>${text}</dim>`,
  red: (text) => `<red>${text}</red>`,
  yellow: (text) => `<yellow>${text}</yellow>`,
  green: (text) => `<green>${text}</green>`,
  cyan: (text) => `<cyan>${text}</cyan>`,
  gray: (text) => `<gray>${text}</gray>`,
};

describe('renderExplain', () => {
  it('lays out one code for a person reading it cold', () => {
    const text = renderExplain([explainCode(229)], plainStyle, { width: 100 });
    expect(text).toBe(
      [
        '229  Entering Extended Passive Mode',
        '     Positive completion reply · connections',
        '',
        '  The server opened a data port and gives only its number, as in "(|||40012|)"; the client connects',
        '  to that port on the same address it used for the control connection. Because no address is sent,',
        '  EPSV works through NAT and over IPv6.',
        '',
        '  When you see it',
        '    After EPSV. If a transfer then hangs or fails with 425, the port given here is blocked by a',
        '    firewall between client and server.',
        '',
        '  How to resolve it',
        '    1. Nothing to fix: this is a normal reply.',
        '    2. If the data connection then fails, open the server’s passive port range (the ports seen in',
        '       229 replies) in every firewall and security group on the way.',
        '',
        '  Depending on the command it answers',
        '    after EPSV: Extended passive mode: connect to the given port on the control connection’s own',
        '      address.',
        '',
        '  Learn more',
        '    • RFC 2428 §3 — FTP Extensions for IPv6 and NATs',
        '      https://www.rfc-editor.org/rfc/rfc2428#section-3',
        '    • RFC 2428 §4 — FTP Extensions for IPv6 and NATs',
        '      https://www.rfc-editor.org/rfc/rfc2428#section-4',
        '',
      ].join('\n'),
    );
  });

  it('keeps within the width for every catalogued code', () => {
    const width = 72;
    const text = renderExplain(
      ALL_REPLY_CODES.map((code) => explainCode(code)),
      plainStyle,
      { width },
    );
    // Addresses in "Learn more" are one word each and may run longer.
    const tooLong = text
      .split('\n')
      .filter((line) => line.length > width && / \S+ /.test(line.trim()) && !line.includes('http'));
    expect(tooLong).toEqual([]);
  });

  it('names the greeting pseudo-command in words and separates codes by a blank line', () => {
    const text = renderExplain([explainCode(421), explainCode(530)], plainStyle);
    expect(text).toContain('    after the greeting: The server refuses new sessions');
    expect(text).toMatch(/\n {2}Learn more\n {4}• RFC 959 §4\.2\.2 — File Transfer Protocol \(FTP\)\n/);
    expect(text).toMatch(/proftpd\.org\/docs\/modules\/mod_auth\.html\n\n530 {2}Not logged in/);
  });

  it('explains an uncatalogued code by its digits and says no RFC defines it', () => {
    const text = renderExplain([explainCode(433)], plainStyle);
    expect(text).toContain('433  Non-standard transient negative reply');
    expect(text).toContain('not defined by any standard');
    expect(text).toContain('    1. Retry later');
    expect(text).toContain('    • RFC 959 §4.2.1 — File Transfer Protocol (FTP)');
  });

  it.each([
    { title: 'success in green', input: 226, expected: '<b><green>226</green></b>' },
    { title: 'transient failure in yellow', input: 425, expected: '<b><yellow>425</yellow></b>' },
    { title: 'permanent failure in red', input: 530, expected: '<b><red>530</red></b>' },
    { title: 'preliminary in cyan', input: 150, expected: '<b><cyan>150</cyan></b>' },
    { title: 'protected in gray', input: 631, expected: '<b><gray>631</gray></b>' },
  ])('colours the code by outcome: $title', ({ input, expected }) => {
    const text = renderExplain([explainCode(input)], tagStyle);
    expect(text.startsWith(expected)).toBe(true);
    expect(text).toContain('<b>When you see it</b>');
  });
});

describe('renderCompare', () => {
  it('lays the page out in six parts, in order', () => {
    const text = renderCompare(compareCodes(425, 426), plainStyle, { width: 100 });
    const lines = text.split('\n');
    expect(lines[0]).toBe("425 Can't open data connection  vs  426 Connection closed; transfer aborted");
    expect(lines[2]).toBe(
      '  425 means the data connection never came up; 426 means it came up and then broke in the middle of',
    );
    const headings = [
      'When you see it',
      'How to resolve it',
      'Key differences',
      'When to use which',
      'Learn more',
    ];
    const positions = headings.map((heading) => lines.indexOf(`  ${heading}`));
    expect(positions.every((position) => position > 2)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(text).toContain('  Key differences\n    • Timing: 425 arrives instead of');
    expect(text).toMatch(
      /\n {2}425 {2}Can't open data connection\n {7}Transient negative reply · connections\n/,
    );
    expect(text).toContain('    426\n      1. Retry: it is transient.');
    expect(text).toContain('    • After 426: retry;');
    expect(text).toContain('    • RFC 9293 §3.8.4 — Transmission Control Protocol (TCP)');
  });

  it('uses colours only through the style', () => {
    const text = renderCompare(compareCodes(421, 530), tagStyle);
    expect(text.startsWith('<b><yellow>421</yellow></b>')).toBe(true);
    expect(text).toContain('<dim>vs</dim>');
    expect(text).toContain('<b>Key differences</b>');
    expect(renderCompare(compareCodes(421, 530), plainStyle)).not.toMatch(
      /<\/?(b|dim|red|yellow|green|cyan|gray)>/,
    );
  });

  it('leaves out the key differences for the same code twice', () => {
    const text = renderCompare(compareCodes(200, 200), plainStyle);
    expect(text).not.toContain('Key differences');
    expect(text).toContain('nothing to compare');
  });
});
