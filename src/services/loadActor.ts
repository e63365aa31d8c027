import type { Database } from '../db/database.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { Actor } from '../domain/access/can.ts';

/** The person behind a session or token, as the access rules see them; none if inactive or gone. */
export async function loadActor(database: Database, personId: string): Promise<Actor | null> {
  const person = await peopleRepository(database.db).get(personId);
  if (!person?.active) return null;
  return {
    personId: person.id,
    partnershipId: person.partnershipId,
    agencyId: person.agencyId,
    roles: new Set(person.roles),
    name: person.name,
    email: person.email,
  };
}
