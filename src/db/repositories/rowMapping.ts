/** Values that come back differently from the two databases (docs/decisions/0001). */

export function flag(value: boolean | number): boolean {
  return value === true || value === 1;
}

export function json<T>(value: string | object): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** JSON for a column: text on SQLite, jsonb on PostgreSQL; both accept a JSON string. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
