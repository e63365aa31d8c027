import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FIRST_CALENDAR_YEAR } from '../../calendar/bankHolidays.ts';
import { isoInstant } from '../../clock.ts';
import type { Agency, LocalAuthority, Person } from '../../directory/directory.ts';
import { type FieldProblem, Invalid, NotAllowedNow } from '../../errors.ts';
import type { LadderStage } from '../../protocol/ladder.ts';
import { offersCategory } from '../../protocol/offeredCategories.ts';
import { choosePathway } from '../../protocol/pathwayChoice.ts';
import { safeString } from '../../safeText.ts';
import { categories } from '../../vocabulary.ts';
import { CASE_DOCUMENT_VERSION, type Disagreement } from '../caseDocument.ts';
import { type CaseRules, stageLabel } from '../disagreement.ts';
import { enterStage, notInFuture, type Outcome } from './caseCommand.ts';
import { calendarDate, id, instant, line, text } from './inputs.ts';

export const COMPLAINTS_ROUTE =
  'This procedure is not for complaints about a professional’s conduct. Use the agency’s complaints procedure, or, for an allegation that someone who works with children has harmed a child, contact the Local Authority Designated Officer (LADO).';

const child = z.strictObject({
  firstName: line(100),
  lastName: line(100),
  dateOfBirth: calendarDate.nullish(),
  expectedDueDate: calendarDate.nullish(),
});

const raiseInput = z.strictObject({
  partnershipId: id,
  raisedAt: instant,
  otherAgencyIds: z.array(id).min(1, 'must name at least one other agency').max(10),
  category: z.enum(categories).meta({
    description:
      "One of the categories the partnership's protocol offers: those of its categoryGroups, or every category when it lists none (docs/protocol-format.md)",
  }),
  summary: text(5000),
  impactOnChild: text(5000),
  desiredOutcome: text(5000),
  urgent: z.boolean(),
  children: z.array(child).min(1, 'must name at least one child').max(20),
  otherPersonId: id.optional(),
  pathway: line(100).optional(),
  localAuthorityId: id.optional(),
  evidence: text(5000).optional(),
  family: z
    .strictObject({
      parents: z.array(line(200)).max(10),
      address: safeString('multiline').trim().max(500),
    })
    .optional(),
  referralDate: calendarDate.optional(),
  agenciesInvolved: text(2000).optional(),
  aboutConductOfProfessional: z.boolean().optional(),
});

/** What the partnership's directory says, for checking whom and where a disagreement names. */
export type RaiseDirectory = {
  agencies: readonly Agency[];
  localAuthorities: readonly LocalAuthority[];
  /** The other professional named, if one was, as the directory has them. */
  otherPerson: Person | undefined;
};

export type RaiseContext = {
  rules: CaseRules;
  by: { personId: string; agencyId: string };
  directory: RaiseDirectory;
  protocolVersion: number;
  /** The case's reference, given by the partnership's counter for the year it was raised. */
  reference: string;
  id?: string;
};

/**
 * A practitioner raises a disagreement with one or more other agencies of their partnership:
 * the case at the first stage of the pathway its category and urgency put it on, or of one the
 * protocol lets the raiser choose (pathwayChoice.ts). Like the
 * case commands, but with no case before it.
 */
export const raise = {
  name: 'raised' as const,
  input: raiseInput,
  apply(input: z.output<typeof raiseInput>, context: RaiseContext): Outcome {
    const { rules, by, directory } = context;
    if (input.aboutConductOfProfessional) throw new NotAllowedNow(COMPLAINTS_ROUTE);
    if (input.otherAgencyIds.includes(by.agencyId)) {
      throw new NotAllowedNow(
        'A disagreement inside one agency follows that agency’s own procedures: name another agency',
        { field: 'otherAgencyIds' },
      );
    }
    const problems: FieldProblem[] = [];
    input.otherAgencyIds.forEach((agencyId, index) => {
      if (!directory.agencies.some((agency) => agency.id === agencyId)) {
        problems.push({
          path: `otherAgencyIds.${index}`,
          message: 'Choose an agency of this partnership',
        });
      }
    });
    if (!offersCategory(rules.protocol, input.category)) {
      problems.push({
        path: 'category',
        message: `"${input.category}" is not one of the categories the partnership's protocol offers`,
      });
    }
    const choice = choosePathway(
      rules.protocol,
      { category: input.category, urgent: input.urgent },
      input.pathway,
    );
    const pathway = choice.ok ? choice.pathway : (choice.allowed[0] as string);
    if (!choice.ok) problems.push({ path: 'pathway', message: choice.message });
    if (choice.ok && pathway !== rules.ladder.pathwayId) {
      throw new Error(`raise needs the ladder of the ${pathway} pathway`);
    }
    let otherPersonId: string | null = null;
    if (input.otherPersonId) {
      const other = directory.otherPerson;
      if (
        other?.id !== input.otherPersonId ||
        !other.agencyId ||
        !input.otherAgencyIds.includes(other.agencyId)
      ) {
        problems.push({
          path: 'otherPersonId',
          message: 'Choose a person who works for one of the other agencies',
        });
      } else {
        otherPersonId = other.id;
      }
    }
    const localAuthorities = directory.localAuthorities;
    let localAuthorityId = input.localAuthorityId ?? null;
    if (localAuthorityId && !localAuthorities.some((la) => la.id === localAuthorityId)) {
      problems.push({
        path: 'localAuthorityId',
        message: 'Choose a local authority of this partnership',
      });
    }
    if (!localAuthorityId) {
      // The raiser's council's; else, for an agency serving the whole partnership (a GP
      // practice, the police), the council of the agencies it disagrees with when they share
      // one (a challenge to Blackpool's front door is a Blackpool case); else the only one.
      const ofOthers = new Set(
        input.otherAgencyIds.flatMap((agencyId) => {
          const found = directory.agencies.find((agency) => agency.id === agencyId);
          return found?.localAuthorityId ? [found.localAuthorityId] : [];
        }),
      );
      localAuthorityId =
        directory.agencies.find((agency) => agency.id === by.agencyId)?.localAuthorityId ??
        (ofOthers.size === 1
          ? [...ofOthers][0]
          : localAuthorities.length === 1
            ? localAuthorities[0]?.id
            : undefined) ??
        null;
    }
    if (problems.length > 0) throw new Invalid('Check the disagreement’s details', problems);

    notInFuture(input.raisedAt, rules, 'The date the disagreement was first raised', 'raisedAt');
    if (
      Temporal.Instant.from(input.raisedAt).toZonedDateTimeISO(rules.calendar.timeZone).year <
      FIRST_CALENDAR_YEAR
    ) {
      throw new NotAllowedNow(
        `The date the disagreement was first raised must be in ${FIRST_CALENDAR_YEAR} or later`,
        { field: 'raisedAt' },
      );
    }
    const today = rules.now.toZonedDateTimeISO(rules.calendar.timeZone).toPlainDate();
    input.children.forEach((child, index) => {
      if (child.dateOfBirth && Temporal.PlainDate.compare(child.dateOfBirth, today) > 0) {
        throw new NotAllowedNow('A child’s date of birth cannot be in the future', {
          field: `children.${index}.dateOfBirth`,
        });
      }
    });
    if (new Set(input.otherAgencyIds).size !== input.otherAgencyIds.length) {
      throw new Invalid('An agency is named twice', [
        { path: 'otherAgencyIds', message: 'Name each agency once' },
      ]);
    }
    const now = isoInstant(rules.now);
    const first = rules.ladder.stages[0] as LadderStage;
    const raised: Disagreement = {
      documentVersion: CASE_DOCUMENT_VERSION,
      id: context.id ?? randomUUID(),
      reference: context.reference,
      version: 1,
      partnershipId: input.partnershipId,
      protocolId: rules.protocol.id,
      protocolVersion: context.protocolVersion,
      localAuthorityId,
      status: 'open',
      urgent: input.urgent,
      category: input.category,
      pathway,
      raisedAt: input.raisedAt,
      raisedBy: by.personId,
      raiserAgencyId: by.agencyId,
      otherAgencyIds: input.otherAgencyIds,
      otherPersonId,
      children: input.children.map((child) => ({
        firstName: child.firstName,
        lastName: child.lastName,
        dateOfBirth: child.dateOfBirth ?? null,
        expectedDueDate: child.expectedDueDate ?? null,
      })),
      summary: input.summary,
      impactOnChild: input.impactOnChild,
      desiredOutcome: input.desiredOutcome,
      evidence: input.evidence ?? null,
      family: input.family
        ? { parents: input.family.parents, address: input.family.address }
        : null,
      referralDate: input.referralDate ?? null,
      agenciesInvolved: input.agenciesInvolved ?? null,
      stages: [],
      records: [],
      actions: [],
      resolution: null,
      childDeadline: null,
      monitoringNotifiedAt: null,
      resolvedAt: null,
      closedAt: null,
      withdrawnReason: null,
      lessons: [],
      partnershipTold: null,
      acknowledged: null,
      meetings: [],
      history: [],
      createdAt: now,
      updatedAt: now,
      purgedAt: null,
    };
    const entered = enterStage(
      raised,
      first,
      {
        at: input.raisedAt,
        by: by.personId,
        reason: null,
        writtenAccount: null,
        history: {
          at: input.raisedAt,
          kind: 'raised',
          personId: by.personId,
          text: `Raised${input.urgent ? ' as urgent' : ''}, at ${stageLabel(rules, first)}`,
        },
      },
      rules,
    );
    return {
      disagreement: entered.disagreement,
      events: [{ type: 'DisagreementRaised' }, ...entered.events],
    };
  },
};
