import { Chalk } from 'chalk';
import type { Style } from '../report/style.js';

/**
 * terminalStyle builds the report colours. chalk already honours NO_COLOR, FORCE_COLOR and the
 * terminal's abilities; `--no-color` and output that is not a terminal turn colour off here.
 */
export function terminalStyle(stream: NodeJS.WriteStream, colorFlag: boolean): Style {
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const enabled = colorFlag && !noColor && (forced || stream.isTTY === true);
  const chalk = new Chalk({ level: enabled ? (Math.max(1, new Chalk().level) as 1 | 2 | 3) : 0 });
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
