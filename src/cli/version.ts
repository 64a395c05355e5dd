import { readFileSync } from 'node:fs';

/** FTP_DOCTOR_VERSION is set to package.json's version by the bundler (scripts/build.mjs). */
declare const FTP_DOCTOR_VERSION: string | undefined;

/** toolVersion: the version the build stamped in; unbundled (tests), package.json's, read once. */
export function toolVersion(): string {
  if (typeof FTP_DOCTOR_VERSION === 'string') return FTP_DOCTOR_VERSION;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
