import type { Finding } from '../types.js';
import type { DiagnosisContext } from './context.js';
import { finding, observation } from './findingBuilder.js';
import { stickyBackendFixes } from './fixes/dataChannelFixes.js';

/**
 * otherServerFindings: PASV is tested on a second control connection to the same address; when
 * that connection is greeted differently from the first, two servers answer behind one address
 * (a load balancer or Service choosing per connection). A client whose data connection reaches
 * the other server gets a refused or silent port, although each of ftp-doctor's own tests may
 * have landed beside its own control connection.
 */
export function otherServerFindings(ctx: DiagnosisContext): Finding[] {
  const second = ctx.data('pasv')?.greetingOnSecondConnection;
  const first = ctx.data('banner')?.greeting?.lines[0];
  if (second === undefined || first === undefined || second === first) return [];
  return [
    finding('pasv.other-server', {
      detail: `The first control connection was greeted with "${first}", the second one, to the same address, with "${second}": more than one server answers there, chosen per connection. A client's data connection can then reach another server than the one that handed out the port, and fail with a refused or silent port — sometimes or every time, depending on the balancing. Run ftp-doctor with --repeat 10 to measure how often.`,
      evidence: [observation(`first connection: ${first}`), observation(`second connection: ${second}`)],
      fixes: stickyBackendFixes(),
    }),
  ];
}
