import type { z } from 'zod';
import { actorOf, type CaseAccess, can } from '../../domain/access/can.ts';
import {
  caseAccessFrom,
  type InvolvedPerson,
  involvedPeople,
} from '../../domain/access/involvement.ts';
import type { WorkingCalendar } from '../../domain/calendar/workingCalendar.ts';
import {
  type Agency,
  holdingRole,
  type LocalAuthority,
  type Person,
} from '../../domain/directory/directory.ts';
import { acknowledge } from '../../domain/disagreement/actions/acknowledge.ts';
import type { CaseCommand } from '../../domain/disagreement/actions/caseCommand.ts';
import { close } from '../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../../domain/disagreement/actions/proposeOutcome.ts';
import { raise } from '../../domain/disagreement/actions/raise.ts';
import { recordDiscussion } from '../../domain/disagreement/actions/recordDiscussion.ts';
import { withdraw } from '../../domain/disagreement/actions/withdraw.ts';
import {
  awaitingConfirmationFrom,
  type CaseRules,
  currentStage,
  type Disagreement,
  nextStages,
  otherSideCanSee,
  partyAgencyIds,
} from '../../domain/disagreement/disagreement.ts';
import { type Ladder, ladderFor, pathwayForCategory } from '../../domain/protocol/ladder.ts';
import type { Protocol } from '../../domain/protocol/protocolSchema.ts';
import {
  type Category,
  type LessonTheme,
  type Role,
  recordModes,
} from '../../domain/vocabulary.ts';
import * as words from './inventedWords.ts';
import type { Random } from './random.ts';

/** A partnership as the simulation sees it: its rules and its directory, in memory. */
export type PartnershipSetting = {
  partnershipId: string;
  protocol: Protocol;
  protocolVersion: number;
  calendar: WorkingCalendar;
  agencies: readonly Agency[];
  localAuthorities: readonly LocalAuthority[];
  people: readonly Person[];
};

/** How a simulated case was left: the case, and who stands on it for its index rows. */
export type SimulatedCase = {
  disagreement: Disagreement;
  involved: InvolvedPerson[];
  ladder: Ladder;
};

// What disagreements are about, roughly as partnerships' own reports count them: thresholds and
// refused referrals most, and every category that leads to a pathway of its own now and then.
const categoryWeights: readonly (readonly [Category, number])[] = [
  ['threshold', 26],
  ['referral-not-accepted', 16],
  ['information-sharing', 9],
  ['further-information', 5],
  ['child-protection-procedures', 4],
  ['joint-response', 6],
  ['cp-conference-need', 4],
  ['cp-conference-dissent', 4],
  ['cp-plan', 4],
  ['discharge-planning', 4],
  ['case-closure', 4],
  ['action-not-completed', 5],
  ['communication', 5],
  ['timeliness', 4],
];

/**
 * One case's life, made by the case commands themselves with the clock set for each step
 * (each step checked by can() and by the command's own rules, as the runner would): raised at
 * a moment of the window, then recorded, escalated, agreed, withdrawn and closed as chance has
 * it, each stage ending before its due time or, now and then, after it. A case whose next step
 * falls after the window's end is left as it stands (open, or resolved and not yet closed).
 */
export function makeSimulator(setting: PartnershipSetting) {
  const byId = new Map(setting.people.map((person) => [person.id, person]));
  const peopleOf = Map.groupBy(setting.people, (person) => person.agencyId ?? '');
  const withRole = (agencyId: string, role: Role) =>
    holdingRole(peopleOf.get(agencyId) ?? [], role);
  const raisingAgencies = setting.agencies.filter(
    (agency) => withRole(agency.id, 'practitioner').length > 0,
  );
  const ladders = new Map<string, Ladder>();
  const ladderOf = (pathway: string) => {
    let ladder = ladders.get(pathway);
    if (!ladder) {
      ladder = ladderFor(setting.protocol, pathway);
      ladders.set(pathway, ladder);
    }
    return ladder;
  };
  const chainOf = (personId: string): string[] => {
    const chain: string[] = [];
    for (
      let at = byId.get(personId)?.lineManagerId;
      at && !chain.includes(at);
      at = byId.get(at)?.lineManagerId
    ) {
      chain.push(at);
    }
    return chain;
  };
  const { calendar } = setting;
  const rulesAt = (disagreement: { pathway: string }, now: Temporal.Instant): CaseRules => ({
    protocol: setting.protocol,
    ladder: ladderOf(disagreement.pathway),
    calendar,
    now,
  });
  const partyPeople = (disagreement: Disagreement) =>
    partyAgencyIds(disagreement).flatMap((agencyId) => peopleOf.get(agencyId) ?? []);
  const accessTo = (disagreement: Disagreement, ladder: Ladder): CaseAccess => {
    const involved = involvedPeople(disagreement, ladder, partyPeople(disagreement));
    const chains = new Map(involved.map((person) => [person.personId, chainOf(person.personId)]));
    return caseAccessFrom(disagreement, ladder, involved, chains);
  };

  function act<Input extends z.ZodType>(
    disagreement: Disagreement,
    command: CaseCommand<Input>,
    input: z.input<Input>,
    by: Person,
    at: Temporal.Instant,
  ): Disagreement {
    const rules = rulesAt(disagreement, at);
    const access = accessTo(disagreement, rules.ladder);
    const actor = actorOf(by);
    if (!can(actor, command.ability, access)) {
      throw new Error(`the simulation asked ${by.name} to do what they may not: ${command.name}`);
    }
    return command.apply(disagreement, command.input.parse(input), {
      rules,
      by: {
        personId: by.id,
        agencyId:
          by.agencyId && partyAgencyIds(disagreement).includes(by.agencyId) ? by.agencyId : null,
      },
      directory: { people: partyPeople(disagreement), agencies: setting.agencies },
      access,
    }).disagreement;
  }

  /** A moment in working hours on a working day at or after `date`. */
  const workingMomentOn = (date: Temporal.PlainDate, random: Random) => {
    let day = date;
    while (!calendar.isWorkingDay(day)) day = day.add({ days: 1 });
    const minutes = calendar.dayStart.until(calendar.dayEnd).total('minutes');
    return calendar
      .startOfWorkingDay(day)
      .add({ minutes: random.int(5, Math.max(6, minutes - 5)) });
  };
  const workingDaysAfter = (at: Temporal.Instant, days: number, random: Random) =>
    workingMomentOn(calendar.nthWorkingDayAfter(calendar.localDate(at), days), random);
  const later = (a: Temporal.Instant, b: Temporal.Instant) =>
    Temporal.Instant.compare(a, b) >= 0 ? a : b;

  return function simulate(
    random: Random,
    window: { from: Temporal.Instant; to: Temporal.Instant },
    id: string,
    /** What it is about, where the caller chooses (to cover every pathway); else by chance. */
    about?: Category,
  ): SimulatedCase {
    const span = window.from.until(window.to).total('seconds');
    const raisedAt = workingMomentOn(
      calendar.localDate(window.from.add({ seconds: Math.floor(random.next() * span) })),
      random,
    );
    const raiserAgency = random.pick(raisingAgencies);
    const raiser = random.pick(withRole(raiserAgency.id, 'practitioner'));
    const others = setting.agencies.filter((agency) => agency.id !== raiserAgency.id);
    const otherAgency = random.pick(others);
    const otherAgencyIds = [otherAgency.id];
    if (random.chance(0.1) && others.length > 1) {
      otherAgencyIds.push(random.pick(others.filter((agency) => agency.id !== otherAgency.id)).id);
    }
    const otherPerson = withRole(otherAgency.id, 'practitioner')[0];
    let category = about ?? random.weighted(categoryWeights);
    try {
      pathwayForCategory(setting.protocol, category);
    } catch {
      category = 'threshold';
    }
    const children = Array.from(
      {
        length: random.weighted([
          [1, 70],
          [2, 22],
          [3, 8],
        ] as const),
      },
      () => ({
        firstName: random.pick(words.firstNames),
        lastName: random.pick(words.lastNames),
        dateOfBirth: Temporal.PlainDate.from('2008-01-01')
          .add({ days: random.int(0, 6200) })
          .toString(),
      }),
    );
    const raisedNow = raisedAt.add({ minutes: 2 });
    const input = raise.input.parse({
      partnershipId: setting.partnershipId,
      raisedAt: raisedAt.toString(),
      otherAgencyIds,
      ...(otherPerson ? { otherPersonId: otherPerson.id } : {}),
      category,
      urgent: random.chance(0.06),
      children,
      summary: random.pick(words.summaries),
      impactOnChild: random.pick(words.impacts),
      desiredOutcome: random.pick(words.outcomesWanted),
    });
    let disagreement = raise.apply(input, {
      rules: rulesAt({ pathway: pathwayForCategory(setting.protocol, category) }, raisedNow),
      by: { personId: raiser.id, agencyId: raiserAgency.id },
      directory: {
        agencies: setting.agencies,
        localAuthorities: setting.localAuthorities,
        otherPerson,
      },
      protocolVersion: setting.protocolVersion,
      // Numbered when it is stored, in its partnership's sequence for its year.
      reference: '',
      id,
    }).disagreement;

    const manager = byId.get(raiser.lineManagerId ?? '') ?? raiser;
    const withdrawer =
      byId.get(raiser.lineManagerId ?? '') ??
      withRole(raiserAgency.id, 'senior-manager')[0] ??
      raiser;
    const speaksFor = (agencyId: string) =>
      withRole(agencyId, 'senior-manager')[0] ?? withRole(agencyId, 'safeguarding-lead')[0];
    const inWindow = (at: Temporal.Instant) => Temporal.Instant.compare(at, window.to) <= 0;
    const team = holdingRole(setting.people, 'partnership-team');
    let clock = raisedNow;
    // The partnership team acknowledges what reaches its monitoring inbox, a working day or two on.
    const acknowledged = () => {
      const told = disagreement.monitoringNotifiedAt ?? disagreement.partnershipTold?.at;
      if (!told || disagreement.acknowledged || team.length === 0 || !random.chance(0.95)) return;
      const at = workingDaysAfter(Temporal.Instant.from(told), random.int(1, 2), random);
      if (!inWindow(at)) return;
      disagreement = act(disagreement, acknowledge, {}, random.pick(team), at);
      clock = later(clock, at);
    };

    for (let steps = 0; steps < 12 && disagreement.status === 'open'; steps++) {
      const stage = currentStage(disagreement);
      if (!stage) break;
      const start = later(Temporal.Instant.from(stage.startedAt), clock);
      let at: Temporal.Instant;
      if (stage.dueAt) {
        const due = Temporal.Instant.from(stage.dueAt);
        at = random.chance(0.15)
          ? workingDaysAfter(due, random.int(1, 4), random)
          : start.add({
              seconds: Math.floor(start.until(due).total('seconds') * (0.15 + 0.8 * random.next())),
            });
      } else {
        at = workingDaysAfter(start, random.int(1, 6), random);
      }
      at = later(at, clock.add({ minutes: 1 }));
      if (!inWindow(at)) break;
      const rules = rulesAt(disagreement, at);
      if (random.chance(0.4)) {
        disagreement = act(
          disagreement,
          recordDiscussion,
          {
            occurredAt: at.subtract({ minutes: 1 }).toString(),
            mode: random.pick(recordModes),
            participants: [raiser.name, otherPerson?.name ?? 'The other agency'],
            summary: 'Discussed the concern and what each agency can do next.',
          },
          raiser,
          at,
        );
      }
      const canGoOn = nextStages(disagreement, rules).length > 0;
      const canAgree = otherSideCanSee(disagreement, rules.ladder);
      const choice = random.weighted<'agree' | 'escalate' | 'withdraw'>([
        ['agree', canAgree ? 55 : 0],
        ['escalate', canGoOn ? 35 : 0],
        ['withdraw', 8],
      ]);
      clock = at;
      if (choice === 'escalate') {
        const target = nextStages(disagreement, rules)[0];
        disagreement = act(
          disagreement,
          escalate,
          {
            occurredAt: at.toString(),
            reason: random.pick(words.escalationReasons),
            ...(target?.onEntry.writtenAccount
              ? { writtenAccount: random.pick(words.writtenAccounts) }
              : {}),
          },
          manager,
          at,
        );
        acknowledged();
        continue;
      }
      if (choice === 'withdraw') {
        disagreement = act(
          disagreement,
          withdraw,
          { reason: random.pick(words.withdrawalReasons) },
          withdrawer,
          at,
        );
        break;
      }
      disagreement = act(
        disagreement,
        proposeOutcome,
        {
          occurredAt: at.toString(),
          agreedOutcome: random.pick(words.agreedOutcomes),
          actions: [],
        },
        raiser,
        at,
      );
      for (const agencyId of awaitingConfirmationFrom(disagreement)) {
        const by = speaksFor(agencyId);
        clock = clock.add({ minutes: random.int(30, 600) });
        if (!by || !inWindow(clock)) break;
        disagreement = act(disagreement, confirmOutcome, {}, by, clock);
      }
      break;
    }

    if (disagreement.status === 'resolved' && random.chance(0.85)) {
      const closedAt = workingDaysAfter(clock, random.int(1, 15), random);
      if (inWindow(closedAt)) {
        const themes = setting.protocol.learning.themes;
        const lessons = random.chance(0.3)
          ? Array.from({ length: random.int(1, 2) }, () => ({
              themes: [
                ...new Set([
                  random.pick(themes),
                  ...(random.chance(0.3) ? [random.pick(themes)] : []),
                ]),
              ] as LessonTheme[],
              text: random.pick(words.lessonTexts),
            }))
          : [];
        disagreement = act(disagreement, close, { lessons }, raiser, closedAt);
      }
    }
    const ladder = ladderOf(disagreement.pathway);
    return {
      disagreement,
      involved: involvedPeople(disagreement, ladder, partyPeople(disagreement)),
      ladder,
    };
  };
}

/** The shape the repository stores a simulated case with. */
export function indexingOf(simulated: SimulatedCase, setting: PartnershipSetting) {
  return {
    disagreement: simulated.disagreement,
    indexing: {
      calendar: setting.calendar,
      protocol: setting.protocol,
      otherSideCanSee: otherSideCanSee(simulated.disagreement, simulated.ladder),
      involved: simulated.involved,
    },
  };
}
