import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { asReference } from '../domain/disagreement/searchTerms.ts';

/** The id of the partnership's case a person named by its reference (in any case) or its id. */
export function caseIdOf(
  db: Kysely<DatabaseSchema>,
  partnershipId: string,
  typed: string,
): Promise<string | undefined> {
  const reference = asReference(typed);
  return disagreementRepository(db).idInPartnership(
    partnershipId,
    reference ? { reference } : { id: typed.trim() },
  );
}
