import { plainStyle, type Style } from '../report/text/style.js';

/**
 * terminalStyle builds the report colours. `--no-color`, NO_COLOR and output that is not a
 * terminal (unless FORCE_COLOR) turn colour off; chalk then picks the level the terminal supports.
 * chalk is loaded only when colour is on: a pipe, a file or `--json` never pays for it.
 */
export async function terminalStyle(stream: NodeJS.WriteStream, colorFlag: boolean): Promise<Style> {
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const enabled = colorFlag && !noColor && (forced || stream.isTTY === true);
  if (!enabled) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: Math.max(1, new Chalk().level) as 1 | 2 | 3 });
  return {
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    red: (t) => chalk.red(t),
    yellow: (t) => chalk.yellow(t),
    green: (t) => chalk.green(t),
    cyan: (t) => chalk.cyan(t),
    gray: (t) => chalk.gray(t),
  };
}

/**
 * terminalWidth: the columns of the terminal `stream` writes to, or null for pipes, files and a pty
 * opened without a size (reports then use DEFAULT_WIDTH).
 */
export function terminalWidth(stream: NodeJS.WriteStream): number | null {
  const columns = stream.isTTY === true ? stream.columns : undefined;
  return columns !== undefined && columns > 0 ? columns : null;
}
