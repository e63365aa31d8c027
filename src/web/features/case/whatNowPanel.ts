import type { PageContext } from '../../../caseActions/caseActionEntry.ts';
import { listInWords } from '../../../domain/calendar/formatting.ts';
import { type RelativeDue, relativeDue } from '../../../domain/calendar/relativeDue.ts';
import { stagePeople } from '../../../domain/directory/stagePeople.ts';
import {
  awaitingConfirmationFrom,
  currentStage,
  minutesAwaited,
  stageLabel,
} from '../../../domain/disagreement/disagreement.ts';
import { type WaitingAsk, waitingAsks } from '../../../domain/disagreement/waitingAsks.ts';
import { stageOf } from '../../../domain/protocol/ladder.ts';

/** A page the case page offers the person ("Record a discussion" → /disagreements/…/record-discussion). */
export type Offer = { text: string; href: string };

/** The panel's one button: a link to an action's page, or a form that does it at once. */
type NextButton = { text: string; href: string } | { text: string; formAction: string };

export type WhatNow = {
  heading: string;
  /** The first thing asked of the person, by importance (confirm, then stage, then actions). */
  ask: string | null;
  due: { text: string; overdue: boolean } | null;
  button: NextButton | null;
  /** The other ways to do what is asked at a stage: "Propose an outcome", "Escalate". */
  links: Offer[];
  /** Who is waiting on whom, or that nothing is asked of the person. */
  waiting: string;
  /** What was agreed (a resolved or closed case), or what is proposed to the person to confirm. */
  outcome: { label: string; text: string } | null;
  /** Everything else the case asks of the person. */
  alsoAsked: { text: string; due: string | null }[];
};

/** "Due by 5pm on Tuesday 8 December 2026 — 4 working days left", "Overdue by 6 working days …". */
export function dueInWords(due: RelativeDue): string {
  if (due.overdue) {
    return `${due.words.charAt(0).toUpperCase()}${due.words.slice(1)}: it was due by ${due.by}`;
  }
  const left =
    due.workingDays > 0
      ? `${due.workingDays} working day${due.workingDays === 1 ? '' : 's'} left`
      : due.words === 'today'
        ? 'that is today'
        : 'before the next working day';
  return `Due by ${due.by} — ${left}`;
}

const nothingAsked = 'nothing is asked of you now';

/**
 * The top of the case page for the person looking: what the case asks of them now (the same
 * asks as Waiting for you on the home page, so the two never disagree), their one next action
 * as a button, when it is due in words and working time, and who is waiting on whom. Someone
 * asked nothing (the partnership team, a colleague) sees what the case waits for and by when.
 */
export function whatNowPanel(view: PageContext, offers: readonly Offer[]): WhatNow {
  const { disagreement, rules, actor, directory } = view;
  const agencyName = (id: string) =>
    directory.agencies.find((agency) => agency.id === id)?.name ?? 'an agency';
  const dueOf = (at: string | null) =>
    at ? relativeDue(rules.calendar, Temporal.Instant.from(at), rules.now) : null;
  const dueText = (at: string | null) => {
    const due = dueOf(at);
    return due && { text: dueInWords(due), overdue: due.overdue };
  };
  const base = { links: [], outcome: null, alsoAsked: [] };

  if (disagreement.status !== 'open') {
    const ended = {
      resolved: 'The agencies agreed an outcome',
      closed: 'The disagreement is closed',
      withdrawn: 'The disagreement was withdrawn',
    }[disagreement.status];
    const asks = disagreement.purgedAt ? [] : waitingAsks(disagreement, rules, actor, directory);
    const [first, ...rest] = asks;
    const stillOpen = afterOutcome(disagreement);
    // Closing strands open actions (they can no longer be done), so it waits for them. It is
    // offered, not asked: a resolved case never closed has ended too, so Waiting for you does
    // not list it (and the two agree).
    const close =
      first || stillOpen.length > 0
        ? undefined
        : offers.find((offer) => offer.href.endsWith('/close'));
    const waiting =
      stillOpen.length > 0
        ? `waiting for ${stillOpen.length} agreed action${stillOpen.length === 1 ? '' : 's'} to be done before it is closed`
        : close
          ? 'it can now be closed, with any lesson for the partnership'
          : nothingAsked;
    return {
      ...base,
      heading: first ? 'What you need to do' : 'What happens now',
      ask: first?.action ?? null,
      due: first ? dueText(first.dueAt) : null,
      button: first ? buttonFor(first, view, offers) : (close ?? null),
      waiting: `${ended}: ${waiting}${first || stillOpen.length === 0 ? '' : ` — ${nothingAsked}`}.`,
      outcome:
        disagreement.status !== 'withdrawn' && disagreement.resolution?.agreedOutcome
          ? { label: 'What was agreed', text: disagreement.resolution.agreedOutcome }
          : null,
      alsoAsked: rest.map((ask) => ({ text: ask.action, due: dueOf(ask.dueAt)?.words ?? null })),
    };
  }

  const asks = waitingAsks(disagreement, rules, actor, directory);
  const [first, ...rest] = asks;
  const alsoAsked = rest.map((ask) => ({
    text: ask.action,
    due: dueOf(ask.dueAt)?.words ?? null,
  }));
  if (!first) {
    return {
      ...base,
      heading: 'What happens now',
      ask: null,
      due: dueText(currentStage(disagreement)?.dueAt ?? null),
      button: null,
      waiting: `${whatTheCaseWaitsFor(view, agencyName)} — ${nothingAsked}.`,
    };
  }
  const button = buttonFor(first, view, offers);
  const isStageAsk = first.group === 'stage' && !minutesAwaited(disagreement, rules);
  return {
    heading: 'What you need to do',
    ask: first.action,
    // A stage with no timescale of its own, and no limit over it, says so rather than nothing.
    due:
      dueText(first.dueAt) ??
      (first.group === 'stage'
        ? { text: 'This stage has no set timescale', overdue: false }
        : null),
    button,
    links: isStageAsk
      ? offers.filter(
          (offer) =>
            /\/(propose-outcome|escalate)$/.test(offer.href) &&
            !(button && 'href' in button && button.href === offer.href),
        )
      : [],
    waiting: whoWaitsOnYou(first, view, agencyName),
    // What is proposed is read before it is confirmed or rejected: said here, not further down.
    outcome:
      first.group === 'confirm' && disagreement.resolution
        ? { label: 'What is proposed', text: disagreement.resolution.agreedOutcome }
        : null,
    alsoAsked,
  };
}

/** The agreed actions of a resolved case not yet done: what its closing waits for. */
function afterOutcome(disagreement: PageContext['disagreement']) {
  if (disagreement.status !== 'resolved') return [];
  return disagreement.actions.filter((action) => action.completedAt === null);
}

/** The button for the first ask, only where the person may do it. */
function buttonFor(
  ask: WaitingAsk,
  view: PageContext,
  offers: readonly Offer[],
): NextButton | null {
  const { disagreement, abilities } = view;
  const base = `/disagreements/${disagreement.id}`;
  if (ask.group === 'confirm') {
    return abilities['confirm-outcome']
      ? { text: 'Confirm or reject the proposed outcome', href: `${base}/confirm-outcome` }
      : null;
  }
  if (ask.group === 'actions') {
    const owned = disagreement.actions.find(
      (action) =>
        action.id === ask.actionId &&
        action.ownerId === view.actor.personId &&
        action.completedAt === null,
    );
    return owned && abilities.record
      ? { text: 'Mark your action as done', formAction: `${base}/actions/${owned.id}/complete` }
      : null;
  }
  if (minutesAwaited(disagreement, view.rules)) {
    return abilities['arrange-meeting']
      ? { text: 'Record the minutes', href: `${base}/meeting-minutes` }
      : null;
  }
  const record = offers.find((offer) => offer.href.endsWith('/record-discussion'));
  const other = offers.find((offer) => /\/(propose-outcome|escalate)$/.test(offer.href));
  return record ?? other ?? null;
}

/** Who waits on the person, in words, for what is asked of them first. */
function whoWaitsOnYou(
  ask: WaitingAsk,
  { disagreement, rules, actor, directory }: PageContext,
  agencyName: (id: string) => string,
): string {
  const ladderStage = stageOf(rules.ladder, currentStage(disagreement)?.key ?? '');
  const label = stageLabel(rules, ladderStage);
  const otherAgencies = [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds]
    .filter((id) => id !== actor.agencyId)
    .map(agencyName);
  if (ask.group === 'confirm') {
    // A chair of no party agency proposes as themself: every party agency confirms.
    const resolution = disagreement.resolution;
    const proposer = resolution?.proposedByAgencyId
      ? agencyName(resolution.proposedByAgencyId)
      : (directory.people.find((person) => person.id === resolution?.proposedBy)?.name ??
        'The chair');
    return `${proposer} is waiting for your agency to confirm the outcome.`;
  }
  if (ask.group === 'actions') {
    const verb = otherAgencies.length === 1 ? 'is' : 'are';
    return `${listInWords(otherAgencies)} ${verb} waiting for the action you agreed to take.`;
  }
  if (minutesAwaited(disagreement, rules)) {
    return 'Everyone at the meeting is waiting for its minutes before an outcome is proposed.';
  }
  if (actor.agencyId === null) {
    return `The partnership takes ${label}: the agencies are waiting for it to record or propose an outcome.`;
  }
  // The stage's own sides: a stage inside the raising agency is not the other agency's yet.
  const sides = ladderStage ? stagePeople(disagreement, ladderStage, directory) : [];
  const yours = sides.some((side) => side.agencyId === actor.agencyId);
  const acting = [
    ...sides
      .filter((side) => side.agencyId !== actor.agencyId)
      .map((side) => (side.agencyId === null ? 'the partnership' : agencyName(side.agencyId))),
    ...(yours ? ['your agency'] : []),
  ];
  const who = acting.length > 0 ? listInWords(acting) : 'the agencies';
  return `At ${label}, ${who} ${acting.length === 1 ? 'is' : 'are'} to settle the disagreement, or escalate it.`;
}

/** What an open case waits for when it asks nothing of the person looking. */
function whatTheCaseWaitsFor(view: PageContext, agencyName: (id: string) => string): string {
  const { disagreement, rules, actor, directory } = view;
  const nameOf = (id: string) => (id === actor.agencyId ? 'your agency' : agencyName(id));
  const awaiting = awaitingConfirmationFrom(disagreement);
  if (awaiting.length > 0) {
    return `Waiting for ${listInWords(awaiting.map(nameOf))} to confirm the proposed outcome`;
  }
  const meeting = minutesAwaited(disagreement, rules);
  if (meeting) {
    const chair = directory.people.find((person) => person.id === meeting.chairId)?.name;
    return `Waiting for ${chair ?? 'the chair'} to record the minutes of the meeting`;
  }
  const current = currentStage(disagreement);
  const ladderStage = current ? stageOf(rules.ladder, current.key) : undefined;
  if (!ladderStage) return 'Waiting for the agencies';
  const acting = stagePeople(disagreement, ladderStage, directory).map((side) =>
    side.agencyId === null ? 'the partnership' : nameOf(side.agencyId),
  );
  const who = acting.length ? listInWords(acting) : 'the agencies';
  return `Waiting for ${who} to act at ${stageLabel(rules, ladderStage)}`;
}
