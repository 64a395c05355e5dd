/** MIN_SCRUBBED_LENGTH: shorter secrets are not searched for, or common words would vanish. */
export const MIN_SCRUBBED_LENGTH = 4;

/** SECRET_MASK replaces a secret wherever it appears, as in `PASS ****`. */
export const SECRET_MASK = '****';

/**
 * scrubSecret returns a copy of plain data (objects, arrays, strings, numbers, …) with every
 * occurrence of `secret` inside any string replaced by `****`. The probe applies it to
 * everything it hands out, because a server may repeat what it was sent: a broken or hostile
 * server that answers `530 Password "hunter22" is wrong` must not put the password into a
 * report, a CI log or a file. Secrets shorter than MIN_SCRUBBED_LENGTH are left alone.
 *
 *   scrubSecret({ text: '530 bad: hunter22' }, 'hunter22')  { text: '530 bad: ****' }
 */
export function scrubSecret<T>(value: T, secret: string): T {
  if (secret.length < MIN_SCRUBBED_LENGTH) return value;
  // Nearly always the secret appears nowhere: then nothing is copied (a deep copy of every step
  // record was a tenth of a 200-target run's CPU time; measured with npm run bench).
  if (!contains(value, secret)) return value;
  return scrub(value, secret) as T;
}

/** contains: whether any string that scrub would visit holds the secret. */
function contains(value: unknown, secret: string): boolean {
  if (typeof value === 'string') return value.includes(secret);
  if (Array.isArray(value)) return value.some((item) => contains(item, secret));
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    for (const key in value) {
      if (contains((value as Record<string, unknown>)[key], secret)) return true;
    }
  }
  return false;
}

function scrub(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return scrubString(value, secret);
  if (Array.isArray(value)) return value.map((item) => scrub(item, secret));
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = scrub(item, secret);
    return copy;
  }
  return value;
}

/**
 * scrubString masks until no occurrence is left: with a secret that holds '*' a mask can complete
 * a new occurrence ('a*' in 'aa*' gives 'a****'). Each round removes a character other than '*',
 * so it ends; a secret made of '*' only is its own mask and is left as it is.
 */
function scrubString(text: string, secret: string): string {
  if (/^\*+$/.test(secret)) return text;
  let result = text;
  while (result.includes(secret)) result = result.split(secret).join(SECRET_MASK);
  return result;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
