/** propertyRuns is the fast-check run count: thorough in CI, quick on a developer's machine. */
export function propertyRuns(): number {
  return process.env.CI ? 10_000 : 1_000;
}
