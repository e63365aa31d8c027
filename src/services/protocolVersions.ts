import type { Database } from '../db/database.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { type Actor, canInPartnership } from '../domain/access/can.ts';
import type { Clock } from '../domain/clock.ts';
import type { ProtocolVersion } from '../domain/directory/directory.ts';
import { NotFound } from '../domain/errors.ts';
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
 * Two versions of the partnership's protocol and what changed from one to the other, in words
 * (null when either is not one of its versions), with every version to choose from. Without
 * versions named: the version in force against the one before it.
 */
export async function compareProtocolVersions(
  deps: Deps,
  input: { from?: number | undefined; to?: number | undefined },
  context: RequestContext,
): Promise<{
  versions: ProtocolVersionEntry[];
  from: number;
  to: number;
  changes: ProtocolChangeGroup[] | null;
  /** The partnership's time zone, to date the versions in. */
  timeZone: string;
}> {
  const partnershipId = ownTeamOrNotFound(context.actor);
  const partnerships = partnershipRepository(deps.database.db);
  const partnership = await partnerships.get(partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  const versions = await versionEntries(deps, partnershipId);
  const to = input.to ?? versions[0]?.version ?? 1;
  const from = input.from ?? Math.max(1, to - 1);
  const timeZone = partnership.workingTime.timeZone;
  const [was, now] = await Promise.all([
    partnerships.protocolVersion(partnershipId, from),
    partnerships.protocolVersion(partnershipId, to),
  ]);
  if (!was || !now) return { versions, from, to, changes: null, timeZone };
  const changes = from === to ? [] : describeProtocolChanges(parsed(was), parsed(now));
  return { versions, from, to, changes, timeZone };
}
