import { describe, expect, it } from 'vitest';
import { findStep } from '../../src/probe/types.js';
import { probeFake } from '../helpers/probeHelpers.js';

const passiveAndListing = (commands: readonly string[]): string[] =>
  commands.filter((c) => ['EPSV', 'PASV', 'LIST', 'MLSD'].includes(c));

// Issue #7: the probe spends as few round trips as it can. The EPSV test connection carries
// the listing when the data channel is plain, so there is no second EPSV and no second connect.
describe('round trips', () => {
  it('the listing reuses the open EPSV test connection; PASV is tested after it', async () => {
    const report = await probeFake({}, { tls: 'off' });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    expect(passiveAndListing(report.server.commandsSeen)).toEqual(['EPSV', 'MLSD', 'PASV']);
    const epsv = findStep(report.probe, 'epsv')!;
    const transfer = findStep(report.probe, 'transfer')!;
    expect(transfer.data).toMatchObject({ via: 'epsv', dataPort: epsv.data?.port, dataConnected: true });
    expect(transfer.data?.entries).toBeGreaterThan(0);
    // One data connection for the EPSV test and the listing together, one for the PASV test.
    expect(report.server.dataConnectionsAccepted).toBe(2);
  });

  it('with --samples the listing asks for a fresh EPSV port (a new EPSV drops the pending one)', async () => {
    const report = await probeFake({}, { tls: 'off', samples: 3 });
    expect(report.diagnosis.verdict.exitCode).toBe(0);
    const sent = passiveAndListing(report.server.commandsSeen);
    expect(sent.slice(0, 5)).toEqual(['EPSV', 'EPSV', 'EPSV', 'EPSV', 'MLSD']);
  });

  it('EPSV refused: the listing goes over a fresh PASV port after the PASV test', async () => {
    const report = await probeFake({ replies: { EPSV: '500 EPSV not understood' } }, { tls: 'off' });
    expect(passiveAndListing(report.server.commandsSeen)).toEqual(['EPSV', 'PASV', 'PASV', 'MLSD']);
    expect(findStep(report.probe, 'transfer')?.data?.via).toBe('pasv');
  });
});
