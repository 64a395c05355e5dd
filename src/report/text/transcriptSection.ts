import { maskCommand } from '../../protocol/command.js';
import type { TranscriptEntry } from '../../protocol/types.js';
import { sanitizeForTerminal } from './sanitize.js';
import type { Style } from './style.js';
import { DEFAULT_WIDTH, wrapText } from './wrapText.js';

const MARKS = { sent: '>', received: '<', event: '*' } as const;

/**
 * renderTranscriptSection prints the control-channel conversation, one entry a line:
 * `   27 ms  < 220 (vsFTPd 3.0.3)`, with `>` for what ftp-doctor sent, `<` for what it received and
 * `*` for events (data-channel events are tagged `[data]`). Entries are sanitised one by one, so a
 * line break hidden inside an entry shows as `\n` instead of faking a new transcript line. An entry
 * longer than `width` continues on lines indented past its time and mark, so the time column stays
 * readable.
 */
export function renderTranscriptSection(
  transcript: readonly TranscriptEntry[],
  style: Style,
  width: number = DEFAULT_WIDTH,
): string[] {
  const lines = [
    style.bold('Transcript'),
    style.dim('  (> sent, < received, * event; the password is shown as ****)'),
  ];
  if (transcript.length === 0) lines.push('  (empty: no control connection was made)');
  for (const entry of transcript) {
    const text = entry.direction === 'sent' ? maskCommand(entry.text) : entry.text;
    const channel = entry.channel === 'data' ? '[data] ' : '';
    const at = `${String(Math.round(entry.atMs)).padStart(6)} ms`;
    const body = `${MARKS[entry.direction]} ${channel}${sanitizeForTerminal(text, { maxChars: 400 })}`;
    const paint = (part: string): string => (entry.direction === 'event' ? style.dim(part) : part);
    const head = `  ${at}  `;
    const [first = '', ...rest] = wrapText(body, width, `${' '.repeat(head.length)}  `);
    lines.push(`  ${style.gray(at)}  ${paint(first.trimStart())}`, ...rest.map(paint));
  }
  return lines;
}
