import type { Database } from '../db/database.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { Person } from '../domain/directory/directory.ts';

// Finding a person for the command line and the sign-in pages: who has this e-mail address,
// and whether they sign in with a password of ours.

/** The active person with this e-mail address, if there is one. */
export async function activePersonWithEmail(
  database: Database,
  email: string,
): Promise<Person | undefined> {
  const person = await peopleRepository(database.db).findByEmail(email);
  return person?.active ? person : undefined;
}

export async function hasPassword(database: Database, personId: string): Promise<boolean> {
  return (await accountRepository(database.db).passwordHash(personId)) !== undefined;
}
