import { type Contribution, OMIT, RUN } from '../pipeline/probeStep.js';
import { listOnce } from './transferStep.js';

/**
 * resumptionCheck: the listing over a TLS data connection that resumed the control session
 * failed after TCP connected. One listing over a new TLS session tells a server that breaks when
 * clients resume (they all try: curl, FileZilla, WinSCP) from one whose data channel fails
 * anyway. It comes last with the other TLS check, just before QUIT.
 */
export const resumptionCheck: Contribution<'transfer-resumption', 'transfer'> = {
  kind: 'contribution',
  id: 'transfer-resumption',
  step: 'transfer',
  needs: [],
  guard: (view) => {
    const data = view.data('transfer');
    if (data === null || !view.session.dataProtected || data.via === null || data.command === null)
      return OMIT;
    const worked = data.finalReply !== null && data.finalReply.code < 300 && data.failure === undefined;
    return !worked && data.dataConnected === true && view.session.control?.isOpen ? RUN : OMIT;
  },
  run: async ({ session, recorder, view }) => {
    const data = view.data('transfer')!;
    const fresh = await listOnce(session, recorder, data.via!, data.command!, false);
    const worked = fresh.failure === undefined && fresh.final !== null && fresh.final.code < 300;
    session.event(
      worked
        ? 'a data connection with a new TLS session (no resumption) worked where the resumed one failed'
        : 'a data connection with a new TLS session failed as well',
    );
    return { resumptionRefused: worked };
  },
};
