import type { Database } from '../db/database.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import type { Clock } from '../domain/clock.ts';
import type { Partnership, ProtocolVersion } from '../domain/directory/directory.ts';
import {
  actionPagePeopleSought,
  type PeopleSought,
  peopleSought,
} from '../domain/directory/peopleSought.ts';
import {
  type CaseRules,
  currentStage,
  type Disagreement,
  nextStages,
} from '../domain/disagreement/disagreement.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { type LadderStage, stageOf } from '../domain/protocol/ladder.ts';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { auditReads } from './auditedReads.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// The directory reads of api.md: open to administrators and to every person of the partnership.

type Deps = { database: Database; clock: Clock };

async function readableOrNotFound(
  deps: Deps,
  context: RequestContext,
  partnershipId: string,
): Promise<void> {
  if (
    !context.actor ||
    !canInPartnership(context.actor, 'read-directory', partnershipId) ||
    // A person of the partnership is stored against it (a foreign key): it exists.
    (context.actor.partnershipId !== partnershipId &&
      !(await partnershipRepository(deps.database.db).get(partnershipId)))
  ) {
    throw new NotFound('There is no such partnership');
  }
}

export async function listPartnerships(
  deps: Deps,
  context: RequestContext,
): Promise<(Partnership & { protocol: ProtocolVersion | undefined })[]> {
  const partnerships = partnershipRepository(deps.database.db);
  const readable = (await partnerships.list()).filter(
    (partnership) =>
      context.actor && canInPartnership(context.actor, 'read-directory', partnership.id),
  );
  return Promise.all(
    readable.map(async (partnership) => ({
      ...partnership,
      protocol: await partnerships.protocolVersion(partnership.id),
    })),
  );
}

/** Every partnership, for an operator at the command line (who acts as no one person). */
export function allPartnerships(database: Database): Promise<Partnership[]> {
  return partnershipRepository(database.db).list();
}

export async function protocolInForce(
  deps: Deps,
  partnershipId: string,
  context: RequestContext,
): Promise<{ version: ProtocolVersion; protocol: Protocol }> {
  await readableOrNotFound(deps, context, partnershipId);
  const version = await partnershipRepository(deps.database.db).protocolVersion(partnershipId);
  if (!version) throw new NotFound('There is no such partnership');
  const check = parseProtocolFile(version.source);
  if (!check.ok)
    throw new Error(
      `stored protocol version ${version.version} of ${partnershipId} no longer reads`,
    );
  return { version, protocol: check.protocol };
}

export async function listLocalAuthorities(
  deps: Deps,
  partnershipId: string,
  context: RequestContext,
) {
  await readableOrNotFound(deps, context, partnershipId);
  return organisationRepository(deps.database.db).localAuthorities(partnershipId);
}

export async function listAgencies(deps: Deps, partnershipId: string, context: RequestContext) {
  await readableOrNotFound(deps, context, partnershipId);
  return organisationRepository(deps.database.db).agencies(partnershipId);
}

/** The partnership's meeting places: the places its invitations may name. */
export async function listMeetingPlaces(
  deps: Deps,
  partnershipId: string,
  context: RequestContext,
) {
  await readableOrNotFound(deps, context, partnershipId);
  return organisationRepository(deps.database.db).meetingPlaces(partnershipId);
}

/** People are personal data: every read of them is audited. */
export async function listPeople(deps: Deps, partnershipId: string, context: RequestContext) {
  await readableOrNotFound(deps, context, partnershipId);
  const now = deps.clock.now();
  const people = await peopleRepository(deps.database.db).inPartnership(partnershipId);
  await auditReads(deps.database, [
    auditFacts(context, now, 'people.read', {
      type: 'partnership',
      id: partnershipId,
      partnershipId,
    }),
  ]);
  return people;
}

type CaseOnPage = { disagreement: Disagreement; rules: CaseRules };

/** A read of some of a case's people, audited as a read of the partnership's people. */
async function casePeopleRead(
  deps: Deps,
  { disagreement, rules }: CaseOnPage,
  context: RequestContext,
  sought: (disagreement: Disagreement, stages: (LadderStage | undefined)[]) => PeopleSought,
) {
  await readableOrNotFound(deps, context, disagreement.partnershipId);
  const now = deps.clock.now();
  const current = currentStage(disagreement);
  const stages = [
    current ? stageOf(rules.ladder, current.key) : undefined,
    nextStages(disagreement, rules)[0],
  ];
  const people = await peopleRepository(deps.database.db).sought(sought(disagreement, stages));
  await auditReads(deps.database, [
    auditFacts(context, now, 'people.read', {
      type: 'partnership',
      id: disagreement.partnershipId,
      partnershipId: disagreement.partnershipId,
    }),
  ]);
  return people;
}

/**
 * The people a case's page shows: those the case names (and their line managers, up the chain),
 * and those who may act for its party agencies or the partnership at its current and next
 * stages; never the whole partnership.
 */
export function listCasePagePeople(deps: Deps, view: CaseOnPage, context: RequestContext) {
  return casePeopleRead(deps, view, context, peopleSought);
}

/**
 * The people a case action's page shows and offers: the case page's, everyone of the party
 * agencies (an action's owners, a meeting's invitees) and who may chair the stage's meeting.
 */
export function listCaseActionPeople(deps: Deps, view: CaseOnPage, context: RequestContext) {
  return casePeopleRead(deps, view, context, actionPagePeopleSought);
}

/** Everything on the partnership team's directory page, in one read (audited: it lists people). */
export async function directoryOverview(
  deps: Deps,
  partnershipId: string,
  context: RequestContext,
) {
  if (!context.actor || !canInPartnership(context.actor, 'manage-directory', partnershipId)) {
    throw new Forbidden('Only the partnership team can manage the directory');
  }
  const organisations = organisationRepository(deps.database.db);
  const partnership = await partnershipRepository(deps.database.db).get(partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  return {
    partnership,
    localAuthorities: await organisations.localAuthorities(partnershipId),
    agencies: await organisations.agencies(partnershipId),
    onCallContacts: await organisations.onCallContacts(partnershipId),
    teams: await organisations.teams(partnershipId),
    regions: await organisations.regions(partnershipId),
    meetingPlaces: await organisations.meetingPlaces(partnershipId),
    people: await listPeople(deps, partnershipId, context),
  };
}
