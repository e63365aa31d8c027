import type { Database } from '../db/database.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { type Actor, canInPartnership } from '../domain/access/can.ts';
import type { Clock } from '../domain/clock.ts';
import type { ProtocolVersion } from '../domain/directory/directory.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import {
  describeProtocolChanges,
  type ProtocolChangeGroup,
} from '../domain/protocol/describeProtocolChanges.ts';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { mustBePartnershipTeam } from './partnershipTeamOnly.ts';
import type { RequestContext } from './requestContext.ts';

type Deps = { database: Database; clock: Clock };

/** A version as the versions table and the API list it: who adopted it, and the cases on it. */
export type ProtocolVersionEntry = Omit<ProtocolVersion, 'source'> & {
  /** The name of the person who adopted it, or null when it came from the command line. */
  adoptedByName: string | null;
  /** Cases running on it that are still open, and all its cases. */
  openCases: number;
  cases: number;
};

/**
 * The partnership's protocol pages are its team's alone: to anyone else, signed in or not,
 * they do not exist (404), as the brief for the protocol page asks.
 */
function ownTeamOrNotFound(actor: Actor | null): string {
  const partnershipId = actor?.partnershipId;
  if (!actor || !partnershipId || !canInPartnership(actor, 'manage-protocol', partnershipId))
    throw new NotFound('There is no such page');
  return partnershipId;
}

async function versionEntries(deps: Deps, partnershipId: string): Promise<ProtocolVersionEntry[]> {
  const partnerships = partnershipRepository(deps.database.db);
  const versions = await partnerships.protocolVersions(partnershipId);
  const counts = await partnerships.caseCountsByProtocolVersion(partnershipId);
  const adopters = new Map(
    (
      await peopleRepository(deps.database.db).getMany([
        ...new Set(versions.flatMap((version) => (version.adoptedBy ? [version.adoptedBy] : []))),
      ])
    ).map((person) => [person.id, person.name]),
  );
  return versions.map((version) => ({
    ...version,
    adoptedByName: version.adoptedBy ? (adopters.get(version.adoptedBy) ?? null) : null,
    openCases: counts.get(version.version)?.openCases ?? 0,
    cases: counts.get(version.version)?.cases ?? 0,
  }));
}

/**
 * The partnership's protocol versions, newest first, for its team through the API: 404 outside
 * the partnership, 403 for the rest of it (as the reports).
 */
export async function listProtocolVersions(
  deps: Deps,
  input: { partnershipId: string },
  context: RequestContext,
): Promise<ProtocolVersionEntry[]> {
  mustBePartnershipTeam(
    context.actor,
    'manage-protocol',
    input.partnershipId,
    'Only the partnership team can see its protocol’s versions',
  );
  if (!(await partnershipRepository(deps.database.db).get(input.partnershipId)))
    throw new NotFound('There is no such partnership');
  return versionEntries(deps, input.partnershipId);
}

function parsed(version: ProtocolVersion): Protocol {
  const check = parseProtocolFile(version.source);
  if (!check.ok)
    throw new Error(
      `stored protocol version ${version.version} of ${version.partnershipId} no longer reads`,
    );
  return check.protocol;
}

/** The protocol page: the version in force, read, and every version with its cases. */
export async function protocolPage(
  deps: Deps,
  _input: Record<string, never>,
  context: RequestContext,
): Promise<{
  inForce: ProtocolVersionEntry;
  protocol: Protocol;
  versions: ProtocolVersionEntry[];
}> {
  const partnershipId = ownTeamOrNotFound(context.actor);
  const current = await partnershipRepository(deps.database.db).protocolVersion(partnershipId);
  if (!current) throw new NotFound('There is no such partnership');
  const versions = await versionEntries(deps, partnershipId);
  const inForce = versions.find((version) => version.version === current.version);
  if (!inForce) throw new NotFound('There is no such partnership');
  return { inForce, protocol: parsed(current), versions };
}

/** One version's file exactly as it was adopted, and a name to download it under. */
export async function protocolVersionFile(
  deps: Deps,
  input: { version: number },
  context: RequestContext,
): Promise<{ source: string; fileName: string }> {
  const partnershipId = ownTeamOrNotFound(context.actor);
  const version = await partnershipRepository(deps.database.db).protocolVersion(
    partnershipId,
    input.version,
  );
  if (!version) throw new NotFound('The partnership has no such version of its protocol');
  return {
    source: version.source,
    fileName: `${version.protocolId}-protocol-version-${version.version}.yaml`,
  };
}

/**
 * Two versions of the partnership's protocol and what changed from one to the other, in words.
 * Without versions named: the version in force against the one before it.
 */
export async function compareProtocolVersions(
  deps: Deps,
  input: { from?: number | undefined; to?: number | undefined },
  context: RequestContext,
): Promise<{
  versions: ProtocolVersionEntry[];
  from: number;
  to: number;
  changes: ProtocolChangeGroup[];
  /** The partnership's time zone, to date the versions in. */
  timeZone: string;
}> {
  const partnershipId = ownTeamOrNotFound(context.actor);
  const partnership = await partnershipRepository(deps.database.db).get(partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  const versions = await versionEntries(deps, partnershipId);
  const newest = versions[0]?.version ?? 1;
  const to = input.to ?? newest;
  const from = input.from ?? Math.max(1, to - 1);
  const known = new Set(versions.map((version) => version.version));
  const problems = [
    ...(known.has(from) ? [] : [{ path: 'from', message: 'Choose a version of the protocol' }]),
    ...(known.has(to) ? [] : [{ path: 'to', message: 'Choose a version of the protocol' }]),
  ];
  if (problems.length > 0) throw new Invalid('Those are not versions of the protocol', problems);
  const read = async (version: number) => {
    const found = await partnershipRepository(deps.database.db).protocolVersion(
      partnershipId,
      version,
    );
    if (!found) throw new NotFound('The partnership has no such version of its protocol');
    return parsed(found);
  };
  const changes = from === to ? [] : describeProtocolChanges(await read(from), await read(to));
  return { versions, from, to, changes, timeZone: partnership.workingTime.timeZone };
}
