/** EXIT_CODE_LABELS: the meaning of each exit code of DESIGN.md §5, in a few words. */
const EXIT_CODE_LABELS: Readonly<Record<number, string>> = {
  0: 'healthy',
  1: 'warnings (strict)',
  2: 'usage error',
  3: 'cannot reach the control port',
  4: 'server not ready',
  5: 'TLS failure',
  6: 'login failed',
  7: 'no passive mode works',
  8: 'data connection failed',
  9: 'transfer failed',
  10: 'internal error',
};

/** exitCodeLabel names what an exit code means, e.g. 8 → 'data connection failed'. */
export function exitCodeLabel(code: number): string {
  return EXIT_CODE_LABELS[code] ?? 'unknown exit code';
}
