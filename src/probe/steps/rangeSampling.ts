import { type Contribution, OMIT, RUN } from '../pipeline/probeStep.js';
import type { PassiveSample } from '../types.js';
import { requestEpsv } from './passiveSteps.js';

/**
 * AUTO_RANGE_SAMPLES: EPSV samples in all once a data port failed. The report then estimates the
 * server's passive range from them; from 2 samples the estimate is too loose to write into a
 * firewall rule, from 20 its 95 % bound is within about 1.5 times the real range (see
 * knowledge/diagnosis/fixes/passiveRange.ts).
 */
export const AUTO_RANGE_SAMPLES = 20;

/**
 * rangeSampling asks for more EPSV ports on the same session when a data port failed in either
 * passive mode and fewer than AUTO_RANGE_SAMPLES were taken, so the fixes can name a range that
 * holds the server's, instead of a guess from one or two ports. Each request is one round trip
 * on the open control connection; a refusal or a failure ends the sampling and what was collected
 * still counts. The samples join the EPSV step's.
 */
export const rangeSampling: Contribution<'range-sampling', 'epsv'> = {
  kind: 'contribution',
  id: 'range-sampling',
  step: 'epsv',
  needs: ['pasv-second-connection'],
  guard: (view) => {
    const epsv = view.data('epsv');
    const pasv = view.data('pasv');
    if (!view.session.control?.isOpen || epsv?.port == null) return OMIT;
    const failed = [epsv.portTest, pasv?.portTest].some((test) => test != null && test.outcome !== 'open');
    const taken = epsv.samples.length + (pasv?.samples.length ?? 0);
    return failed && taken < AUTO_RANGE_SAMPLES ? RUN : OMIT;
  },
  run: async ({ session, recorder, view }) => {
    const earlier = view.data('epsv')?.samples ?? [];
    const pasvTaken = view.data('pasv')?.samples.length ?? 0;
    const more: PassiveSample[] = [];
    while (earlier.length + pasvTaken + more.length < AUTO_RANGE_SAMPLES) {
      try {
        const sample = await requestEpsv(session, recorder);
        if (sample.port === null) break;
        more.push({ reply: sample.reply, port: sample.port });
      } catch {
        break;
      }
    }
    return { samples: [...earlier, ...more] };
  },
};
