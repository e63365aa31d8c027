/**
 * The simple formatting rule of the pages a partnership team writes (the accessibility
 * statement, privacy notice, cookies page and contact page): a blank line between paragraphs,
 * "## " starts a heading, "- " starts a bullet, and e-mail and https addresses become links.
 * The text becomes blocks of plain strings, never HTML: the page's template escapes every
 * string as it renders them, so nothing typed can become markup.
 */

export type Inline = { text: string } | { text: string; href: string };
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'list'; items: Inline[][] };

export const servicePageTextLimit = 20_000;

/** Words a page's text may name, replaced as it is shown: they stay true when the directory changes. */
export type Placeholders = { partnership: string; retentionPeriod: string };

export function fillPlaceholders(text: string, values: Placeholders): string {
  const words: Record<string, string> = {
    '{partnership}': values.partnership,
    '{retention period}': values.retentionPeriod,
  };
  // Words that begin a sentence begin with a capital ("Your local partnership is…").
  return text.replace(/\{partnership\}|\{retention period\}/g, (found, at: number) => {
    const value = words[found] ?? found;
    const before = text.slice(0, at);
    return before.trim() === '' || /(^|[.!?:]|\n)\s*(#+ |- )?$/.test(before)
      ? value.charAt(0).toUpperCase() + value.slice(1)
      : value;
  });
}

// An address stops before trailing punctuation, so "write to team@example.org." links the address.
const linkPattern =
  /(https:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** A line's text, with its e-mail and https addresses as links. */
export function inlineParts(line: string): Inline[] {
  const parts: Inline[] = [];
  let at = 0;
  for (const match of line.matchAll(linkPattern)) {
    const found = match[0];
    const start = match.index ?? 0;
    if (start > at) parts.push({ text: line.slice(at, start) });
    parts.push({ text: found, href: found.startsWith('https://') ? found : `mailto:${found}` });
    at = start + found.length;
  }
  if (at < line.length) parts.push({ text: line.slice(at) });
  return parts;
}

/** The page's text as headings, paragraphs and lists. */
export function servicePageBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const chunks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  for (const chunk of chunks) {
    const lines = chunk
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    let paragraph: string[] = [];
    let list: Inline[][] = [];
    const flush = () => {
      if (paragraph.length > 0)
        blocks.push({ kind: 'paragraph', parts: inlineParts(paragraph.join(' ')) });
      if (list.length > 0) blocks.push({ kind: 'list', items: list });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      if (line.startsWith('## ')) {
        flush();
        blocks.push({ kind: 'heading', text: line.slice(3).trim() });
      } else if (line.startsWith('- ')) {
        if (paragraph.length > 0) {
          blocks.push({ kind: 'paragraph', parts: inlineParts(paragraph.join(' ')) });
          paragraph = [];
        }
        list.push(inlineParts(line.slice(2).trim()));
      } else {
        if (list.length > 0) {
          blocks.push({ kind: 'list', items: list });
          list = [];
        }
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}
