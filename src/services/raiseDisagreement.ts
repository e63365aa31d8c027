import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import {
  type Child,
  type Disagreement,
  type Family,
  otherSideCanSee,
  raise,
} from '../domain/disagreement/disagreement.ts';
import {
  type FieldProblem,
  Forbidden,
  Invalid,
  NotAllowedNow,
  NotFound,
} from '../domain/errors.ts';
import { ladderFor, pathwayForCategory } from '../domain/protocol/ladder.ts';
import type { Category } from '../domain/vocabulary.ts';
import { auditCase } from './auditCase.ts';
import { involvedIn } from './caseAccess.ts';
import type { CaseDeps } from './caseDeps.ts';
import { queueNotifications } from './caseNotifications.ts';
import { calendarOf, protocolOf } from './caseRules.ts';
import type { RequestContext } from './requestContext.ts';

export type RaiseRequest = {
  partnershipId: string;
  raisedAt: string;
  otherAgencyIds: string[];
  otherPersonId?: string | undefined;
  category: Category;
  pathway?: string | undefined;
  localAuthorityId?: string | undefined;
  urgent: boolean;
  children: Child[];
  summary: string;
  impactOnChild: string;
  desiredOutcome: string;
  evidence?: string | undefined;
  family?: Family | undefined;
  referralDate?: string | undefined;
  agenciesInvolved?: string | undefined;
  aboutConductOfProfessional?: boolean | undefined;
};

export const COMPLAINTS_ROUTE =
  'This procedure is not for complaints about a professional’s conduct. Use the agency’s complaints procedure, or, for an allegation that someone who works with children has harmed a child, contact the Local Authority Designated Officer (LADO).';

/** A practitioner raises a disagreement with one or more other agencies of their partnership. */
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
  const raiserAgencyId = actor.agencyId;
  if (request.aboutConductOfProfessional) throw new NotAllowedNow(COMPLAINTS_ROUTE);
  if (request.otherAgencyIds.includes(raiserAgencyId)) {
    throw new NotAllowedNow(
      'A disagreement inside one agency follows that agency’s own procedures: name another agency',
    );
  }
  const now = deps.clock.now();

  return deps.database.db.transaction().execute(async (trx) => {
    const partnership = await partnershipRepository(trx).get(request.partnershipId);
    if (!partnership) throw new NotFound('There is no such partnership');
    const { version, protocol } = await protocolOf(trx, request.partnershipId);
    const organisations = organisationRepository(trx);
    const agencies = await organisations.agencies(request.partnershipId);
    const problems: FieldProblem[] = [];

    request.otherAgencyIds.forEach((agencyId, index) => {
      if (!agencies.some((agency) => agency.id === agencyId)) {
        problems.push({
          path: `otherAgencyIds.${index}`,
          message: 'Choose an agency of this partnership',
        });
      }
    });

    const categoryPathway = pathwayForCategory(protocol, request.category);
    const pathway = request.pathway ?? categoryPathway;
    if (pathway !== categoryPathway) {
      problems.push({
        path: 'pathway',
        message: `The category ${request.category} follows the ${categoryPathway} pathway of this protocol`,
      });
    }

    let otherPersonId: string | null = null;
    if (request.otherPersonId) {
      const other = await peopleRepository(trx).get(request.otherPersonId);
      if (!other?.agencyId || !request.otherAgencyIds.includes(other.agencyId)) {
        problems.push({
          path: 'otherPersonId',
          message: 'Choose a person who works for one of the other agencies',
        });
      } else {
        otherPersonId = other.id;
      }
    }

    const localAuthorities = await organisations.localAuthorities(request.partnershipId);
    let localAuthorityId = request.localAuthorityId ?? null;
    if (localAuthorityId && !localAuthorities.some((la) => la.id === localAuthorityId)) {
      problems.push({
        path: 'localAuthorityId',
        message: 'Choose a local authority of this partnership',
      });
    }
    if (!localAuthorityId) {
      localAuthorityId =
        agencies.find((agency) => agency.id === raiserAgencyId)?.localAuthorityId ??
        (localAuthorities.length === 1 ? (localAuthorities[0]?.id ?? null) : null);
    }
    if (problems.length > 0) throw new Invalid('Check the disagreement’s details', problems);

    const repository = disagreementRepository(trx);
    const year = Temporal.Instant.from(request.raisedAt).toZonedDateTimeISO(
      partnership.workingTime.timeZone,
    ).year;
    const number = await repository.nextNumber(request.partnershipId, `reference-${year}`);
    const rules = {
      protocol,
      ladder: ladderFor(protocol, pathway),
      calendar: calendarOf(partnership),
      now,
    };
    const disagreement = raise(
      {
        reference: `ACC-${year}-${String(number).padStart(4, '0')}`,
        partnershipId: request.partnershipId,
        protocolVersion: version,
        localAuthorityId,
        raisedBy: actor.personId,
        raiserAgencyId,
        otherAgencyIds: request.otherAgencyIds,
        otherPersonId,
        raisedAt: request.raisedAt,
        category: request.category,
        pathway,
        urgent: request.urgent,
        children: request.children,
        summary: request.summary,
        impactOnChild: request.impactOnChild,
        desiredOutcome: request.desiredOutcome,
        evidence: request.evidence ?? null,
        family: request.family ?? null,
        referralDate: request.referralDate ?? null,
        agenciesInvolved: request.agenciesInvolved ?? null,
      },
      rules,
    );
    await repository.insert(disagreement, {
      otherSideCanSee: otherSideCanSee(disagreement, rules.ladder),
      involved: await involvedIn(trx, disagreement, rules.ladder),
    });
    await auditCase(trx, context, now, 'disagreement.raised', disagreement);
    await queueNotifications(trx, deps, {
      before: null,
      after: disagreement,
      rules: { ...rules, partnership },
      actorId: actor.personId,
    });
    return disagreement;
  });
}
