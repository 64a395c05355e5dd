/**
 * Style is the set of colours a human report uses. The CLI builds one from chalk (which honours
 * NO_COLOR, FORCE_COLOR and --no-color); tests and pipes use plainStyle. Renderers never import
 * chalk themselves, so their output is plain data until the CLI decides otherwise.
 */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly gray: (text: string) => string;
}

const identity = (text: string): string => text;

/** plainStyle leaves text untouched: for tests, files and terminals without colour. */
export const plainStyle: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  yellow: identity,
  green: identity,
  cyan: identity,
  gray: identity,
};
