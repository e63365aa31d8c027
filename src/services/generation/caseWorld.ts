import type { z } from 'zod';
import { actorOf, type CaseAccess, can } from '../../domain/access/can.ts';
import { caseAccessFrom, involvedPeople } from '../../domain/access/involvement.ts';
import type { WorkingCalendar } from '../../domain/calendar/workingCalendar.ts';
import {
  type Agency,
  holdingRole,
  type LocalAuthority,
  type Person,
} from '../../domain/directory/directory.ts';
import type { CaseCommand } from '../../domain/disagreement/actions/caseCommand.ts';
import {
  type CaseRules,
  type Disagreement,
  partyAgencyIds,
} from '../../domain/disagreement/disagreement.ts';
import { type Ladder, ladderFor } from '../../domain/protocol/ladder.ts';
import type { Protocol } from '../../domain/protocol/protocolSchema.ts';
import type { Role } from '../../domain/vocabulary.ts';
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

/**
 * The world a simulated case lives in: a partnership's directory and rules, read once, and the
 * one way a simulated step is taken: the case command applied with the clock set, after can()
 * has said the person may, exactly as the runner would (services/runCaseAction.ts).
 */
export class CaseWorld {
  readonly setting: PartnershipSetting;
  readonly calendar: WorkingCalendar;
  readonly byId: ReadonlyMap<string, Person>;
  readonly #peopleOf: ReadonlyMap<string, Person[]>;
  readonly #ladders = new Map<string, Ladder>();

  constructor(setting: PartnershipSetting) {
    this.setting = setting;
    this.calendar = setting.calendar;
    this.byId = new Map(setting.people.map((person) => [person.id, person]));
    this.#peopleOf = Map.groupBy(setting.people, (person) => person.agencyId ?? '');
  }

  /** An agency's active people who hold a role: who plays which part. */
  withRole(agencyId: string, role: Role): Person[] {
    return holdingRole(this.#peopleOf.get(agencyId) ?? [], role);
  }

  ladderOf(pathway: string): Ladder {
    let ladder = this.#ladders.get(pathway);
    if (!ladder) {
      ladder = ladderFor(this.setting.protocol, pathway);
      this.#ladders.set(pathway, ladder);
    }
    return ladder;
  }

  rulesAt(disagreement: { pathway: string }, now: Temporal.Instant): CaseRules {
    const { protocol } = this.setting;
    return { protocol, ladder: this.ladderOf(disagreement.pathway), calendar: this.calendar, now };
  }

  /** The party agencies' people: whom a case's rules are worked out over. */
  partyPeople(disagreement: Disagreement): Person[] {
    return partyAgencyIds(disagreement).flatMap((agencyId) => this.#peopleOf.get(agencyId) ?? []);
  }

  #chainOf(personId: string): string[] {
    const chain: string[] = [];
    let at = this.byId.get(personId)?.lineManagerId;
    while (at && !chain.includes(at)) {
      chain.push(at);
      at = this.byId.get(at)?.lineManagerId;
    }
    return chain;
  }

  #accessTo(disagreement: Disagreement, ladder: Ladder): CaseAccess {
    const involved = involvedPeople(disagreement, ladder, {
      people: this.partyPeople(disagreement),
      agencies: this.setting.agencies,
    });
    const chains = new Map(
      involved.map((person) => [person.personId, this.#chainOf(person.personId)]),
    );
    return caseAccessFrom(disagreement, ladder, involved, chains);
  }

  /** A step of a case's life: the command, by the person, at the moment given. */
  act<Input extends z.ZodType>(
    disagreement: Disagreement,
    command: CaseCommand<Input>,
    input: z.input<Input>,
    by: Person,
    at: Temporal.Instant,
  ): Disagreement {
    const rules = this.rulesAt(disagreement, at);
    const access = this.#accessTo(disagreement, rules.ladder);
    if (!can(actorOf(by), command.ability, access)) {
      throw new Error(`the simulation asked ${by.name} to do what they may not: ${command.name}`);
    }
    const party = by.agencyId && partyAgencyIds(disagreement).includes(by.agencyId);
    return command.apply(disagreement, command.input.parse(input), {
      rules,
      by: { personId: by.id, agencyId: party ? by.agencyId : null },
      directory: {
        people: this.partyPeople(disagreement),
        agencies: this.setting.agencies,
        meetingPlaces: [],
      },
      access,
    }).disagreement;
  }

  /** A moment in working hours on the first working day at or after `date`. */
  workingMomentOn(date: Temporal.PlainDate, random: Random): Temporal.Instant {
    let day = date;
    while (!this.calendar.isWorkingDay(day)) day = day.add({ days: 1 });
    const minutes = this.calendar.dayStart.until(this.calendar.dayEnd).total('minutes');
    return this.calendar
      .startOfWorkingDay(day)
      .add({ minutes: random.int(5, Math.max(6, minutes - 5)) });
  }

  workingDaysAfter(at: Temporal.Instant, days: number, random: Random): Temporal.Instant {
    return this.workingMomentOn(
      this.calendar.nthWorkingDayAfter(this.calendar.localDate(at), days),
      random,
    );
  }
}
