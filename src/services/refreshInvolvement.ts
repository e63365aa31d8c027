import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { standingOn } from './caseAccess.ts';
import { rulesFor } from './caseRules.ts';

/**
 * After a person's agency, line manager or roles change, the cases their agencies are party to
 * are assigned again from the directory (inside the same transaction), so who may see a case
 * follows the directory as it is now, not as it was when the case last changed.
 */
export async function refreshInvolvement(
  trx: Kysely<DatabaseSchema>,
  partnershipId: string,
  agencyIds: readonly (string | null)[],
  now: Temporal.Instant,
): Promise<number> {
  const repository = disagreementRepository(trx);
  const affected = await repository.ofAgencies(
    partnershipId,
    agencyIds.filter((id): id is string => id !== null),
  );
  for (const read of affected) {
    // A save in another instance since the read: the case as it is now, worked out again.
    for (let disagreement: Disagreement | undefined = read; disagreement; ) {
      const rules = await rulesFor(trx, disagreement, now);
      const { involved } = await standingOn(trx, disagreement, rules.ladder);
      if (await repository.replaceInvolved(disagreement, involved)) break;
      disagreement = await repository.get(disagreement.id);
    }
  }
  return affected.length;
}
