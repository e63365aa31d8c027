import type { z } from 'zod';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import { caseReference } from '../domain/directory/referencePrefix.ts';
import { raise } from '../domain/disagreement/actions/raise.ts';
import { type Disagreement, otherSideCanSee } from '../domain/disagreement/disagreement.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { withCaseTerms } from '../domain/protocol/caseTerms.ts';
import { ladderFor } from '../domain/protocol/ladder.ts';
import { choosePathway } from '../domain/protocol/pathwayChoice.ts';
import { auditCase } from './auditCase.ts';
import { standingOn } from './caseAccess.ts';
import type { CaseDeps } from './caseDeps.ts';
import { calendarOf, protocolOf } from './caseRules.ts';
import { queueCaseMessages } from './messages/queueMessages.ts';
import { parseInput } from './parseInput.ts';
import type { RequestContext } from './requestContext.ts';

export type RaiseRequest = z.input<typeof raise.input>;

/**
 * A practitioner raises a disagreement with one or more other agencies of their partnership,
 * in one transaction: the raise command checked against the partnership's directory, the case
 * stored with its reference, audited, and its messages queued.
 */
export async function raiseDisagreement(
  deps: CaseDeps,
  request: RaiseRequest,
  context: RequestContext,
): Promise<Disagreement> {
  const actor = context.actor;
  if (!actor) throw new Forbidden('Sign in to raise a disagreement');
  if (!canInPartnership(actor, 'raise', request.partnershipId) || !actor.agencyId) {
    throw new Forbidden(
      actor.partnershipId === request.partnershipId
        ? 'Only people who work for an agency can raise a disagreement'
        : 'You can raise a disagreement only in your own partnership',
    );
  }
  const input = parseInput(raise.input, request);
  const by = { personId: actor.personId, agencyId: actor.agencyId };
  const now = deps.clock.now();

  return deps.database.db.transaction().execute(async (trx) => {
    const partnership = await partnershipRepository(trx).get(input.partnershipId);
    if (!partnership) throw new NotFound('There is no such partnership');
    const { version, protocol } = await protocolOf(trx, input.partnershipId);
    const organisations = organisationRepository(trx);
    const directory = {
      agencies: await organisations.agencies(input.partnershipId),
      localAuthorities: await organisations.localAuthorities(input.partnershipId),
      otherPerson: input.otherPersonId
        ? await peopleRepository(trx).get(input.otherPersonId)
        : undefined,
    };
    const calendar = calendarOf(partnership);
    const rules = {
      partnership,
      protocol,
      // A pathway the protocol does not allow here is refused by the command, which names it.
      ladder: ladderFor(protocol, raisedOn(protocol, input)),
      calendar,
      now,
    };
    const repository = disagreementRepository(trx);
    const year = Temporal.Instant.from(input.raisedAt).toZonedDateTimeISO(calendar.timeZone).year;
    const number = await repository.nextNumber(input.partnershipId, `reference-${year}`);
    const { disagreement, events } = raise.apply(input, {
      rules,
      by,
      directory,
      protocolVersion: version,
      reference: caseReference(partnership.referencePrefix, year, number),
    });
    const standing = await standingOn(trx, disagreement, rules.ladder);
    await repository.insert(disagreement, {
      otherSideCanSee: otherSideCanSee(disagreement, rules.ladder),
      involved: standing.involved,
      calendar,
      protocol,
    });
    await auditCase(trx, context, now, `disagreement.${raise.name}`, disagreement);
    // Its messages are told in the case's words: its local authority's front door and team.
    const inCaseTerms = {
      ...rules,
      protocol: withCaseTerms(
        protocol,
        directory.localAuthorities.find((each) => each.id === disagreement.localAuthorityId),
      ),
    };
    await queueCaseMessages(trx, deps, [
      { disagreement, rules: inCaseTerms, events, actorId: by.personId, standing },
    ]);
    return disagreement;
  });
}

/** The pathway the raise asks for when the protocol allows it, else the one its rules give. */
function raisedOn(
  protocol: Parameters<typeof choosePathway>[0],
  input: { category: string; urgent: boolean; pathway?: string | undefined },
): string {
  const choice = choosePathway(protocol, input, input.pathway);
  return choice.ok ? choice.pathway : (choice.allowed[0] as string);
}
