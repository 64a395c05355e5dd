// The inference lives in the probe layer, because --scan-range needs it while probing; fixes use it too.
export {
  describePassiveRange,
  formatRange,
  inferPassiveRange,
  type PassiveRangeGuess,
  SCATTERED_SPAN,
} from '../../../probe/passiveRange.js';
