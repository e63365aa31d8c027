import type { CheerioAPI } from 'cheerio';

/**
 * The summary list values of a page that show a blank line above or below what they say: text
 * whose line breaks are kept (`accord-preserve-lines`, on the value or inside it) beginning or
 * ending with one, a `<br>` first or last, or an empty paragraph. Each as its row's key.
 */
export function valuesWithStrayBlankLines($: CheerioAPI): string[] {
  return $('.govuk-summary-list__row')
    .toArray()
    .filter((row) => {
      const value = $(row).find('.govuk-summary-list__value');
      const kept = value.is('.accord-preserve-lines')
        ? [value]
        : value
            .find('.accord-preserve-lines')
            .toArray()
            .map((element) => $(element));
      const html = (value.html() ?? '').trim();
      return (
        kept.some((element) => /^\s*\n|\n\s*$/.test(element.text())) ||
        /^<br\s*\/?>|<br\s*\/?>$/i.test(html) ||
        value
          .find('p')
          .toArray()
          .some((p) => $(p).text().trim() === '')
      );
    })
    .map((row) => $(row).find('.govuk-summary-list__key').text().trim());
}
