import { describe, expect, it } from 'vitest';
import { renderHuman } from '../../src/report/formats/human.js';
import { plainStyle } from '../../src/report/text/style.js';
import { probeFake } from '../support/probeHelpers.js';

const plain = { style: plainStyle, verbosity: 0, fixDialects: null, width: 100 } as const;
const HINT = '(The probe used the anonymous account: no password was at stake.';

// With no AUTH TLS on offer, the clear-text finding is brief whenever the probe used the anonymous
// account (its password is a courtesy address, RFC 1635), whether the server let it in or not.
describe('the clear-text note after an anonymous probe', () => {
  it('anonymous login accepted: the finding is named, its proof and setup left to -v', async () => {
    const report = await probeFake({});
    const text = renderHuman(report, plain);
    expect(text).toContain('[tls.not-offered]');
    expect(text).toContain(HINT);
  });

  it('anonymous login refused: still no password at stake, the same brief note', async () => {
    const report = await probeFake({
      replies: { PASS: '421 Too many users are connected, try again later.' },
    });
    expect(report.probe.steps.find((s) => s.name === 'login')?.data).toMatchObject({ loggedIn: false });
    const text = renderHuman(report, plain);
    expect(text).toContain('[tls.not-offered]');
    expect(text).toContain(HINT);
  });

  it('a named account gets the whole finding: its password crossed in clear', async () => {
    const report = await probeFake({ users: { alice: 'secret' } }, { user: 'alice', password: 'secret' });
    const text = renderHuman(report, plain);
    expect(text).toContain('[tls.not-offered]');
    expect(text).not.toContain(HINT);
  });
});
