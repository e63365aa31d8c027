import type { Database } from '../db/database.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { Actor } from '../domain/access/can.ts';

export type SignedInAs = { name: string; organisation: string | undefined };

/** Who the header says is signed in: their name, and their agency (else their partnership). */
export async function signedInAs(database: Database, actor: Actor): Promise<SignedInAs> {
  const { db } = database;
  const organisation = actor.agencyId
    ? await organisationRepository(db).agencyName(actor.agencyId)
    : actor.partnershipId
      ? (await partnershipRepository(db).get(actor.partnershipId))?.name
      : undefined;
  return { name: actor.name ?? '', organisation };
}
