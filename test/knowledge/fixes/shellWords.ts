/**
 * shellWords splits one shell command line into words the way sh would for the simple commands a
 * fix contains: plain words, '…' (literal) and "…" (backslash escapes \" \\ \$ \`). No expansion.
 * Throws on an unterminated quote.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (char === ' ' || char === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      index++;
    } else if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      current += line.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (char === '"') {
      index++;
      while (index < line.length && line[index] !== '"') {
        if (line[index] === '\\' && '"\\$`'.includes(line[index + 1] ?? '')) index++;
        current += line[index];
        index++;
      }
      if (index >= line.length) throw new Error(`unterminated " in: ${line}`);
      inWord = true;
      index++;
    } else if (char === '\\') {
      current += line[index + 1] ?? '';
      inWord = true;
      index += 2;
    } else {
      current += char;
      inWord = true;
      index++;
    }
  }
  if (inWord) words.push(current);
  return words;
}
