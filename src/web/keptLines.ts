import { escapeHtml } from '../forms/escapeHtml.ts';

/**
 * Typed text with its line breaks kept, as HTML for a component's `html` (a summary list's
 * value): each break a `<br>`, none before or after the text. Not `white-space: pre-line` on
 * the value cell, which would show the template's own line breaks around it as blank lines.
 */
export function keptLines(text: string): string {
  return escapeHtml(text.trim()).replace(/\r?\n/g, '<br>');
}
