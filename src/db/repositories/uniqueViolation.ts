import { Conflict } from '../../domain/errors.ts';

/** Whether an error is a unique-key violation, as PostgreSQL (23505) or node:sqlite (2067, 1555) reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  return code === '23505' || errcode === 2067 || errcode === 1555;
}

/** Runs a write whose uniqueness the database enforces, turning a violation into a Conflict. */
export async function uniqueOrConflict<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(message);
    throw error;
  }
}
