import type { Kysely } from 'kysely';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { findLevel, levelMisfit } from '../domain/directory/levels.ts';
import { Invalid } from '../domain/errors.ts';
import type { ProtocolLevel } from '../domain/protocol/protocolSchema.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';

// The levels of seniority a partnership's people may carry: those of its protocol in force.

type Db = Kysely<DatabaseSchema>;

/** The levels of the partnership's protocol in force (none if it defines none). */
export async function levelsInForce(db: Db, partnershipId: string): Promise<ProtocolLevel[]> {
  const version = await partnershipRepository(db).protocolVersion(partnershipId);
  if (!version) return [];
  const check = parseProtocolFile(version.source);
  return check.ok ? check.protocol.levels : [];
}

async function kindOf(db: Db, partnershipId: string, agencyId: string | null) {
  const agencies = await organisationRepository(db).agencies(partnershipId);
  return agencies.find((agency) => agency.id === agencyId)?.kind ?? null;
}

/** Why a person of this agency could not carry the level they carry, if the protocol says so. */
export async function levelMisfitIn(
  db: Db,
  partnershipId: string,
  levelId: string | null,
  agencyId: string | null,
): Promise<string | undefined> {
  const level = levelId ? findLevel(await levelsInForce(db, partnershipId), levelId) : undefined;
  return level && levelMisfit(level, await kindOf(db, partnershipId, agencyId));
}

/**
 * The level a person of this agency is to carry, checked: one of the protocol in force's, and
 * one people of the agency's kind may hold; null for none. Problems name `path`.
 */
export async function checkedLevel(
  db: Db,
  partnershipId: string,
  levelId: string | null,
  agencyId: string | null,
  path = 'level',
): Promise<ProtocolLevel | null> {
  if (levelId === null) return null;
  const level = findLevel(await levelsInForce(db, partnershipId), levelId);
  if (!level) {
    throw new Invalid('Choose a level of the partnership’s protocol', [
      { path, message: 'Choose a level of the partnership’s protocol' },
    ]);
  }
  const misfit = levelMisfit(level, await kindOf(db, partnershipId, agencyId));
  if (misfit) throw new Invalid(misfit, [{ path, message: misfit }]);
  return level;
}
