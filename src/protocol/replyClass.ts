/**
 * Reply-class predicates (RFC 959 §4.2.1, RFC 2228 §3): the first digit of a reply code says
 * whether the command worked, so callers test the class by name instead of comparing numbers.
 */

/** isPreliminary: 1yz, the action started and another reply will follow (150 before a listing). */
export function isPreliminary(code: number): boolean {
  return classOf(code) === 1;
}

/** isCompletion: 2yz, the action succeeded and the next command may be sent. */
export function isCompletion(code: number): boolean {
  return classOf(code) === 2;
}

/** isIntermediate: 3yz, accepted but the next command of the group must follow (331 → PASS). */
export function isIntermediate(code: number): boolean {
  return classOf(code) === 3;
}

/** isTransientNegative: 4yz, failed this time; the unchanged command may succeed later. */
export function isTransientNegative(code: number): boolean {
  return classOf(code) === 4;
}

/** isPermanentNegative: 5yz, failed and will fail again until something changes. */
export function isPermanentNegative(code: number): boolean {
  return classOf(code) === 5;
}

/** isProtected: 6yz (RFC 2228), the text is a base64-wrapped protected reply. */
export function isProtected(code: number): boolean {
  return classOf(code) === 6;
}

/** isNegative: 4yz or 5yz, the command was not carried out. */
export function isNegative(code: number): boolean {
  return isTransientNegative(code) || isPermanentNegative(code);
}

/**
 * matchesExpectation tells whether a reply code meets an expectation given as a class, a prefix
 * or an exact code, in the manner of Go's textproto:
 *
 *   matchesExpectation(230, 2)     true   any 2yz
 *   matchesExpectation(230, 23)    true   any 23z
 *   matchesExpectation(230, '230') true   exactly 230
 *   matchesExpectation(250, 23)    false
 *
 * Throws RangeError when the expectation is not one to three digits with a first digit 1–6.
 */
export function matchesExpectation(code: number, expected: number | string): boolean {
  const wanted = String(expected);
  if (!/^[1-6][0-9]{0,2}$/.test(wanted)) {
    throw new RangeError(`reply expectation must be 1 to 3 digits starting with 1-6, got ${wanted}`);
  }
  return String(code).startsWith(wanted) && String(code).length === 3;
}

function classOf(code: number): number {
  return Number.isInteger(code) && code >= 100 && code <= 999 ? Math.floor(code / 100) : 0;
}
