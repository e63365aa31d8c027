/**
 * A long list a slice at a time, so that one statement's bound values stay under SQLite's limit
 * (32,766) and PostgreSQL's (65,535) whatever the list: ids to look up, or rows to insert.
 */
export function* inSlices<T>(items: readonly T[], size = 500): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}
