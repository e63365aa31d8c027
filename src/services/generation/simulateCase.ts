import { type InvolvedPerson, involvedPeople } from '../../domain/access/involvement.ts';
import { holdingRole, type Person } from '../../domain/directory/directory.ts';
import { acknowledge } from '../../domain/disagreement/actions/acknowledge.ts';
import { close } from '../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../../domain/disagreement/actions/proposeOutcome.ts';
import { raise } from '../../domain/disagreement/actions/raise.ts';
import { recordDiscussion } from '../../domain/disagreement/actions/recordDiscussion.ts';
import { withdraw } from '../../domain/disagreement/actions/withdraw.ts';
import {
  awaitingConfirmationFrom,
  currentStage,
  type Disagreement,
  nextStages,
  otherSideCanSee,
} from '../../domain/disagreement/disagreement.ts';
import { type Ladder, pathwayForCategory } from '../../domain/protocol/ladder.ts';
import { offeredCategories } from '../../domain/protocol/offeredCategories.ts';
import { pathwayByRules } from '../../domain/protocol/pathwayChoice.ts';
import { type Category, type LessonTheme, recordModes } from '../../domain/vocabulary.ts';
import { CaseWorld, type PartnershipSetting } from './caseWorld.ts';
import * as words from './inventedWords.ts';
import type { Random } from './random.ts';

export type { PartnershipSetting } from './caseWorld.ts';

/** How a simulated case was left: the case, and who stands on it for its index rows. */
export type SimulatedCase = {
  disagreement: Disagreement;
  involved: InvolvedPerson[];
  ladder: Ladder;
};

type Window = { from: Temporal.Instant; to: Temporal.Instant };

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

const later = (a: Temporal.Instant, b: Temporal.Instant) =>
  Temporal.Instant.compare(a, b) >= 0 ? a : b;

/** One case as it lives: its people, its state, and the simulation's clock for it. */
class CaseLife {
  readonly #world: CaseWorld;
  readonly #random: Random;
  readonly #window: Window;
  readonly #raiser: Person;
  readonly #otherPerson: Person | undefined;
  readonly #team: Person[];
  disagreement: Disagreement;
  clock: Temporal.Instant;

  constructor(
    world: CaseWorld,
    random: Random,
    window: Window,
    raised: { disagreement: Disagreement; raiser: Person; otherPerson: Person | undefined },
  ) {
    this.#world = world;
    this.#random = random;
    this.#window = window;
    this.#raiser = raised.raiser;
    this.#otherPerson = raised.otherPerson;
    this.#team = holdingRole(world.setting.people, 'partnership-team');
    this.disagreement = raised.disagreement;
    this.clock = Temporal.Instant.from(raised.disagreement.createdAt);
  }

  #inWindow(at: Temporal.Instant) {
    return Temporal.Instant.compare(at, this.#window.to) <= 0;
  }

  #act(command: Parameters<CaseWorld['act']>[1], input: object, by: Person, at: Temporal.Instant) {
    this.disagreement = this.#world.act(this.disagreement, command, input as never, by, at);
  }

  /** The raiser's line manager escalates; withdrawing takes them, or the agency's senior. */
  get #manager() {
    return this.#world.byId.get(this.#raiser.lineManagerId ?? '') ?? this.#raiser;
  }

  get #withdrawer() {
    const agencyId = this.disagreement.raiserAgencyId;
    return (
      this.#world.byId.get(this.#raiser.lineManagerId ?? '') ??
      this.#world.withRole(agencyId, 'senior-manager')[0] ??
      this.#raiser
    );
  }

  /** When the current stage's next step comes: within its due time, or now and then after it. */
  #nextStepAt(): Temporal.Instant | undefined {
    const stage = currentStage(this.disagreement);
    if (!stage) return undefined;
    const start = later(Temporal.Instant.from(stage.startedAt), this.clock);
    const random = this.#random;
    let at: Temporal.Instant;
    if (!stage.dueAt) {
      at = this.#world.workingDaysAfter(start, random.int(1, 6), random);
    } else if (random.chance(0.15)) {
      at = this.#world.workingDaysAfter(
        Temporal.Instant.from(stage.dueAt),
        random.int(1, 4),
        random,
      );
    } else {
      const span = start.until(Temporal.Instant.from(stage.dueAt)).total('seconds');
      at = start.add({ seconds: Math.floor(span * (0.15 + 0.8 * random.next())) });
    }
    at = later(at, this.clock.add({ minutes: 1 }));
    return this.#inWindow(at) ? at : undefined;
  }

  /** Stages taken one after another until the case is agreed, withdrawn, or the window ends. */
  live(): void {
    for (let steps = 0; steps < 12 && this.disagreement.status === 'open'; steps++) {
      const at = this.#nextStepAt();
      if (!at) return;
      if (this.#random.chance(0.4)) this.#record(at);
      const rules = this.#world.rulesAt(this.disagreement, at);
      const choice = this.#random.weighted<'agree' | 'escalate' | 'withdraw'>([
        ['agree', otherSideCanSee(this.disagreement, rules.ladder) ? 55 : 0],
        ['escalate', nextStages(this.disagreement, rules).length > 0 ? 35 : 0],
        ['withdraw', 8],
      ]);
      this.clock = at;
      if (choice === 'escalate') {
        this.#escalate(at);
        continue;
      }
      if (choice === 'withdraw') {
        this.#act(
          withdraw,
          { reason: this.#random.pick(words.withdrawalReasons) },
          this.#withdrawer,
          at,
        );
      } else {
        this.#agree(at);
      }
      return;
    }
  }

  #record(at: Temporal.Instant) {
    this.#act(
      recordDiscussion,
      {
        occurredAt: at.subtract({ minutes: 1 }).toString(),
        mode: this.#random.pick(recordModes),
        participants: [this.#raiser.name, this.#otherPerson?.name ?? 'The other agency'],
        summary: 'Discussed the concern and what each agency can do next.',
      },
      this.#raiser,
      at,
    );
  }

  #escalate(at: Temporal.Instant) {
    const target = nextStages(this.disagreement, this.#world.rulesAt(this.disagreement, at))[0];
    const account = target?.onEntry.writtenAccount
      ? { writtenAccount: this.#random.pick(words.writtenAccounts) }
      : {};
    const reason = this.#random.pick(words.escalationReasons);
    this.#act(escalate, { occurredAt: at.toString(), reason, ...account }, this.#manager, at);
    this.#acknowledgeInInbox();
  }

  /** The raiser proposes; each other agency's senior confirms, some hours apart. */
  #agree(at: Temporal.Instant) {
    const agreedOutcome = this.#random.pick(words.agreedOutcomes);
    this.#act(
      proposeOutcome,
      { occurredAt: at.toString(), agreedOutcome, actions: [] },
      this.#raiser,
      at,
    );
    for (const agencyId of awaitingConfirmationFrom(this.disagreement)) {
      const by =
        this.#world.withRole(agencyId, 'senior-manager')[0] ??
        this.#world.withRole(agencyId, 'safeguarding-lead')[0];
      this.clock = this.clock.add({ minutes: this.#random.int(30, 600) });
      if (!by || !this.#inWindow(this.clock)) return;
      this.#act(confirmOutcome, {}, by, this.clock);
    }
  }

  /** The partnership team acknowledges what reaches its monitoring inbox, a working day or two on. */
  #acknowledgeInInbox() {
    const told = this.disagreement.monitoringNotifiedAt ?? this.disagreement.partnershipTold?.at;
    if (!told || this.disagreement.acknowledged || this.#team.length === 0) return;
    if (!this.#random.chance(0.95)) return;
    const at = this.#world.workingDaysAfter(
      Temporal.Instant.from(told),
      this.#random.int(1, 2),
      this.#random,
    );
    if (!this.#inWindow(at)) return;
    this.#act(acknowledge, {}, this.#random.pick(this.#team), at);
    this.clock = later(this.clock, at);
  }

  /** Most resolved cases are closed within three weeks, a third of them with lessons. */
  closeIfResolved() {
    if (this.disagreement.status !== 'resolved' || !this.#random.chance(0.85)) return;
    const random = this.#random;
    const closedAt = this.#world.workingDaysAfter(this.clock, random.int(1, 15), random);
    if (!this.#inWindow(closedAt)) return;
    const themes = this.#world.setting.protocol.learning.themes;
    const lessons = random.chance(0.3)
      ? Array.from({ length: random.int(1, 2) }, () => ({
          themes: [
            ...new Set([random.pick(themes), ...(random.chance(0.3) ? [random.pick(themes)] : [])]),
          ] as LessonTheme[],
          text: random.pick(words.lessonTexts),
        }))
      : [];
    this.#act(close, { lessons }, this.#raiser, closedAt);
  }
}

/** A case raised at a working moment of the window by a practitioner, with one agency or two. */
function raiseOne(world: CaseWorld, random: Random, window: Window, id: string, about?: Category) {
  const { setting } = world;
  const span = window.from.until(window.to).total('seconds');
  const day = world.calendar.localDate(
    window.from.add({ seconds: Math.floor(random.next() * span) }),
  );
  const raisedAt = world.workingMomentOn(day, random);
  const raisingAgencies = setting.agencies.filter(
    (agency) => world.withRole(agency.id, 'practitioner').length > 0,
  );
  const raiserAgency = random.pick(raisingAgencies);
  const raiser = random.pick(world.withRole(raiserAgency.id, 'practitioner'));
  const others = setting.agencies.filter((agency) => agency.id !== raiserAgency.id);
  const otherAgency = random.pick(others);
  const otherAgencyIds = [otherAgency.id];
  if (random.chance(0.1) && others.length > 1) {
    otherAgencyIds.push(random.pick(others.filter((agency) => agency.id !== otherAgency.id)).id);
  }
  const otherPerson = world.withRole(otherAgency.id, 'practitioner')[0];
  // Only what the protocol offers: its own categories weighted alike when none is counted above.
  const offered = offeredCategories(setting.protocol).flatMap((group) =>
    group.categories.map((c) => c.id),
  );
  const weights = categoryWeights.filter(([id]) => offered.includes(id));
  let category =
    about ?? random.weighted(weights.length > 0 ? weights : offered.map((id) => [id, 1] as const));
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
      // Born before the case is raised (up to 17 years before): never in its future.
      dateOfBirth: raisedAt
        .toZonedDateTimeISO('UTC')
        .toPlainDate()
        .subtract({ days: random.int(1, 6200) })
        .toString(),
    }),
  );
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
  const { agencies, localAuthorities, protocol, protocolVersion } = setting;
  const disagreement = raise.apply(input, {
    rules: world.rulesAt(
      { pathway: pathwayByRules(protocol, { category, urgent: input.urgent }) },
      raisedAt.add({ minutes: 2 }),
    ),
    by: { personId: raiser.id, agencyId: raiserAgency.id },
    directory: { agencies, localAuthorities, otherPerson },
    protocolVersion,
    // Numbered when it is stored, in its partnership's sequence for its year.
    reference: '',
    id,
  }).disagreement;
  return { disagreement, raiser, otherPerson };
}

/**
 * One case's life, made by the case commands themselves with the clock set for each step
 * (each step checked by can() and by the command's own rules, as the runner would): raised at
 * a moment of the window, then recorded, escalated, agreed, withdrawn and closed as chance has
 * it, each stage ending before its due time or, now and then, after it. A case whose next step
 * falls after the window's end is left as it stands (open, or resolved and not yet closed).
 */
export function makeSimulator(setting: PartnershipSetting) {
  const world = new CaseWorld(setting);
  return function simulate(
    random: Random,
    window: Window,
    id: string,
    /** What it is about, where the caller chooses (to cover every pathway); else by chance. */
    about?: Category,
  ): SimulatedCase {
    const life = new CaseLife(world, random, window, raiseOne(world, random, window, id, about));
    life.live();
    life.closeIfResolved();
    const { disagreement } = life;
    const ladder = world.ladderOf(disagreement.pathway);
    return {
      disagreement,
      involved: involvedPeople(disagreement, ladder, {
        people: world.partyPeople(disagreement),
        agencies: world.setting.agencies,
      }),
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
