import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CaseAccess } from '../src/domain/access/can.ts';
import { caseAccessFrom, involvedPeople } from '../src/domain/access/involvement.ts';
import {
  type WorkingTimeSettings,
  workingCalendarFor,
} from '../src/domain/calendar/workingCalendar.ts';
import type { Agency, Person } from '../src/domain/directory/directory.ts';
import type { CaseCommand, Outcome } from '../src/domain/disagreement/actions/caseCommand.ts';
import { raise } from '../src/domain/disagreement/actions/raise.ts';
import type { CaseRules, Disagreement } from '../src/domain/disagreement/disagreement.ts';
import { ladderFor } from '../src/domain/protocol/ladder.ts';
import { pathwayByRules } from '../src/domain/protocol/pathwayChoice.ts';
import { workingTimeOf } from '../src/domain/protocol/workingTimeOf.ts';
import type { AgencyKind, Category, Role } from '../src/domain/vocabulary.ts';
import { type BuiltInProtocolId, builtInProtocol } from '../src/protocols/builtInProtocols.ts';

// Cases without a database, for the domain's own tests: a small invented directory (two
// agencies, each with a practitioner → manager → senior manager chain and a safeguarding
// lead, and a partnership team member) and the commands applied to the case as they would be.

export type DomainCast = {
  partnershipId: string;
  agencies: Agency[];
  people: Person[];
  school: Record<'practitioner' | 'manager' | 'senior' | 'lead', Person>;
  socialCare: Record<'practitioner' | 'manager' | 'senior' | 'lead', Person>;
  team: Person;
};

export function aDomainCast(): DomainCast {
  const partnershipId = randomUUID();
  const people: Person[] = [];
  const agencies: Agency[] = [];
  const person = (name: string, agencyId: string | null, roles: Role[], lineManagerId?: string) => {
    const made: Person = {
      id: randomUUID(),
      partnershipId,
      name,
      email: `${name.toLowerCase().replaceAll(' ', '.')}@example.org`,
      jobTitle: null,
      telephone: null,
      agencyId,
      teamId: null,
      regionId: null,
      lineManagerId: lineManagerId ?? null,
      roles,
      active: true,
    };
    people.push(made);
    return made;
  };
  const agency = (name: string, kind: AgencyKind) => {
    const made: Agency = { id: randomUUID(), partnershipId, name, kind, localAuthorityId: null };
    agencies.push(made);
    const senior = person(`${name} Senior`, made.id, ['senior-manager']);
    const manager = person(`${name} Manager`, made.id, ['manager'], senior.id);
    const practitioner = person(`${name} Practitioner`, made.id, ['practitioner'], manager.id);
    const lead = person(`${name} Lead`, made.id, ['safeguarding-lead']);
    return { practitioner, manager, senior, lead };
  };
  const school = agency('Brookside School', 'school');
  const socialCare = agency('Riverside Social Care', 'childrens-social-care');
  const team = person('Partnership Team', null, ['partnership-team']);
  return { partnershipId, agencies, people, school, socialCare, team };
}

export function rulesOf(
  protocolId: BuiltInProtocolId,
  pathway: string,
  now: Temporal.Instant,
  workingTime?: WorkingTimeSettings,
): CaseRules {
  const protocol = builtInProtocol(protocolId);
  return {
    protocol,
    ladder: ladderFor(protocol, pathway),
    calendar: workingCalendarFor(workingTime ?? workingTimeOf(protocol)),
    now,
  };
}

/** A case raised by the school's practitioner against social care, with its rules. */
export function aDomainCase(
  cast: DomainCast,
  options: {
    protocolId?: BuiltInProtocolId;
    raisedAt: Temporal.Instant;
    now?: Temporal.Instant;
    urgent?: boolean;
    category?: Category;
  },
): Outcome & { rules: CaseRules } {
  const protocolId = options.protocolId ?? 'pan-lancashire';
  const category = options.category ?? 'threshold';
  const pathway = pathwayByRules(builtInProtocol(protocolId), {
    category,
    urgent: options.urgent ?? false,
  });
  const rules = rulesOf(protocolId, pathway, options.now ?? options.raisedAt);
  const raised = raise.apply(
    {
      partnershipId: cast.partnershipId,
      raisedAt: options.raisedAt.toString(),
      otherAgencyIds: [cast.socialCare.practitioner.agencyId as string],
      otherPersonId: cast.socialCare.practitioner.id,
      category,
      urgent: options.urgent ?? false,
      children: [{ firstName: 'Robin', lastName: 'Example' }],
      summary: 'The referral was not accepted.',
      impactOnChild: 'Robin misses meals.',
      desiredOutcome: 'An assessment.',
    },
    {
      rules,
      by: { personId: cast.school.practitioner.id, agencyId: cast.agencies[0]?.id as string },
      directory: {
        agencies: cast.agencies,
        localAuthorities: [],
        otherPerson: cast.socialCare.practitioner,
      },
      protocolVersion: 1,
      reference: 'PL-2026-0001',
    },
  );
  return { ...raised, rules };
}

/** How the cast stands to a case, as the runner would read it after saving it. */
export function accessTo(
  cast: DomainCast,
  disagreement: Disagreement,
  rules: CaseRules,
): CaseAccess {
  const involved = involvedPeople(disagreement, rules.ladder, cast);
  const chains = new Map(
    cast.people.map((person) => {
      const chain: string[] = [];
      let next = person.lineManagerId;
      while (next && !chain.includes(next)) {
        chain.push(next);
        next = cast.people.find((other) => other.id === next)?.lineManagerId ?? null;
      }
      return [person.id, chain];
    }),
  );
  return caseAccessFrom(disagreement, rules.ladder, involved, chains);
}

/** A command applied as `by` would apply it, at `now`. */
export function applied<Input extends z.ZodType>(
  cast: DomainCast,
  disagreement: Disagreement,
  rules: CaseRules,
  command: CaseCommand<Input>,
  input: z.input<Input>,
  by: Person,
): Outcome {
  return command.apply(disagreement, command.input.parse(input), {
    rules,
    by: { personId: by.id, agencyId: by.agencyId },
    directory: { people: cast.people, agencies: cast.agencies, meetingPlaces: [] },
    access: accessTo(cast, disagreement, rules),
  });
}
