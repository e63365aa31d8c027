import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import { standingOn } from './caseAccess.ts';
import { protocolOf, rulesFor } from './caseRules.ts';

/**
 * After a person's agency, line manager or roles change, the cases their agencies are party to
 * are assigned again from the directory (inside the same transaction), so who may see a case
 * follows the directory as it is now, not as it was when the case last changed. For one of the
 * partnership's own people (of no agency), the open cases at a stage the partnership takes
 * itself, whose people they may have joined or left.
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
  if (agencyIds.includes(null)) {
    const known = new Set(affected.map((disagreement) => disagreement.id));
    const atOwnStages = await repository.openAtStages(
      partnershipId,
      await partnershipStageKeys(trx, partnershipId),
    );
    affected.push(...atOwnStages.filter((disagreement) => !known.has(disagreement.id)));
  }
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

/** The keys of the stages the partnership takes itself, under any version of its protocol. */
async function partnershipStageKeys(
  trx: Kysely<DatabaseSchema>,
  partnershipId: string,
): Promise<string[]> {
  const keys = new Set<string>();
  const newest = await protocolOf(trx, partnershipId);
  for (let version = newest.version; version >= 1; version--) {
    const { protocol } =
      version === newest.version ? newest : await protocolOf(trx, partnershipId, version);
    for (const key of takenByPartnership(protocol)) keys.add(key);
  }
  return [...keys];
}

function takenByPartnership(protocol: Protocol): string[] {
  const stages = [...protocol.stages, ...protocol.pathways.flatMap((pathway) => pathway.stages)];
  return [
    ...stages.filter((stage) => stage.sides === 'partnership').map((stage) => stage.key),
    ...protocol.pathways.flatMap((pathway) =>
      Object.entries(pathway.atStages)
        .filter(([, changes]) => changes.sides === 'partnership')
        .map(([key]) => key),
    ),
  ];
}
