import type { Kysely } from 'kysely';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { givenRoles, levelFits, sameRoles, withLevel } from '../domain/directory/levels.ts';
import type { ProtocolLevel } from '../domain/protocol/protocolSchema.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { refreshInvolvement } from './refreshInvolvement.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type AppliedLevels = {
  /** People whose level the new version no longer has (or no longer lets them hold). */
  cleared: number;
  /** People whose roles changed with their level's role. */
  changed: number;
};

/**
 * After a protocol version is adopted (inside the same transaction), its levels decide the
 * roles of the people who carry one: the role only the old level gave is taken away, the new
 * level's role given; a level the version drops, or no longer lets a person of their agency's
 * kind hold, is cleared (audited as person.level-cleared) — unless an open case still runs on
 * an earlier version that has it: open cases keep their version (protocols.md §2), so its
 * holders keep it, and the role it gave there, to act on them; the next adoption after those
 * cases end clears it. The roles given directly are kept.
 * Who is assigned to cases then follows (refreshInvolvement), so access is the protocol in
 * force's, decided as ever in access/can.ts from the roles stored.
 */
export async function applyProtocolLevels(
  trx: Kysely<DatabaseSchema>,
  input: { partnershipId: string; levels: readonly ProtocolLevel[]; now: Temporal.Instant },
  context: RequestContext,
): Promise<AppliedLevels> {
  const people = peopleRepository(trx);
  const holders = (await people.inPartnership(input.partnershipId)).filter(
    (person) => person.level,
  );
  if (holders.length === 0) return { cleared: 0, changed: 0 };
  const kinds = new Map(
    (await organisationRepository(trx).agencies(input.partnershipId)).map((agency) => [
      agency.id,
      agency.kind,
    ]),
  );
  const stillNeeded = await levelsOfOpenCasesVersions(trx, input.partnershipId);
  const audit = auditRepository(trx);
  const touched = new Set<string | null>();
  let cleared = 0;
  let changed = 0;
  for (const person of holders) {
    const kind = person.agencyId ? (kinds.get(person.agencyId) ?? null) : null;
    const fitting = (levels: readonly ProtocolLevel[]) =>
      levels.find((each) => each.id === person.level && levelFits(each, kind));
    const level = fitting(input.levels) ?? fitting(stillNeeded);
    const given = givenRoles(person);
    const stored = withLevel(given, level);
    const record = { type: 'person', id: person.id, partnershipId: input.partnershipId };
    if (!level) {
      cleared += 1;
      await audit.append(auditFacts(context, input.now, 'person.level-cleared', record));
    }
    const rolesKept = sameRoles(stored.roles, person.roles);
    if (level && rolesKept && stored.levelRole === (person.levelRole ?? null)) continue;
    await people.setLevel(person.id, level?.id ?? null, stored.levelRole);
    if (!rolesKept) {
      changed += 1;
      await people.setRoles(person.id, stored.roles);
      await audit.append(auditFacts(context, input.now, 'person.roles-changed', record));
    }
    touched.add(person.agencyId);
  }
  if (touched.size > 0) {
    await refreshInvolvement(trx, input.partnershipId, [...touched], input.now);
  }
  return { cleared, changed };
}

/**
 * The levels of the earlier versions open cases still run on (the newest version's definition
 * first, where two define the same level).
 */
async function levelsOfOpenCasesVersions(
  trx: Kysely<DatabaseSchema>,
  partnershipId: string,
): Promise<ProtocolLevel[]> {
  const partnerships = partnershipRepository(trx);
  const counts = await partnerships.caseCountsByProtocolVersion(partnershipId);
  const versions = [...counts]
    .filter(([, count]) => count.openCases > 0)
    .map(([version]) => version)
    .sort((a, b) => b - a);
  const levels: ProtocolLevel[] = [];
  for (const version of versions) {
    const stored = await partnerships.protocolVersion(partnershipId, version);
    const check = stored && parseProtocolFile(stored.source);
    if (check?.ok) levels.push(...check.protocol.levels);
  }
  return levels;
}
