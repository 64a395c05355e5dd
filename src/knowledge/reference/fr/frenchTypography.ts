/**
 * French typography for sentences that ftp-doctor joins at run time: in French a colon takes a
 * space before it, and the word after it starts in lower case unless it is a name.
 */

/** Capitalised words that are names and keep their capital after a colon. */
const NAMES = new Set([
  'Windows',
  'Linux',
  'Debian',
  'Docker',
  'Kubernetes',
  'Python',
  'Microsoft',
  'Amazon',
]);

/**
 * lowerInitial lowers the first letter of a sentence that continues after a colon or comma,
 * unless its first word is a name, an acronym or a command (FileZilla, IIS, PASV keep theirs).
 */
export function lowerInitial(text: string): string {
  const firstWord = text.split(/[\s,;:.()]/u, 1)[0] ?? '';
  if (!/^[A-ZÀ-Ý][a-zà-ÿ’'-]*$/u.test(firstWord) || NAMES.has(firstWord)) return text;
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** frenchCitation puts the space French wants before the colon of a citation ("vsftpd.conf(5) : …"). */
export function frenchCitation(citation: string, label: string): string {
  return citation.startsWith(`${label}: `) ? `${label} : ${citation.slice(label.length + 2)}` : citation;
}
