import type { Kysely } from 'kysely';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { CaseDirectory } from '../domain/disagreement/actions/caseCommand.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { peopleOfCase } from './caseAccess.ts';

/**
 * The directory a command checks its input against: the people of the case's party agencies
 * (and those assigned to it), or, for a command that may bring someone else in (a meeting's
 * independent chair), every person of the partnership, and its meeting places; and the
 * partnership's agencies.
 */
export async function caseDirectoryFor(
  db: Kysely<DatabaseSchema>,
  disagreement: Disagreement,
  whole: boolean,
): Promise<CaseDirectory> {
  const people = whole
    ? await peopleRepository(db).inPartnership(disagreement.partnershipId)
    : await peopleOfCase(db, disagreement);
  const organisations = organisationRepository(db);
  const agencies = await organisations.agencies(disagreement.partnershipId);
  const meetingPlaces = whole ? await organisations.meetingPlaces(disagreement.partnershipId) : [];
  return { people, agencies, meetingPlaces };
}
