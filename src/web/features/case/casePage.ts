import { formatDate, formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { nameWithLevel } from '../../../domain/directory/levels.ts';
import { personWithRole } from '../../../domain/directory/personWithRole.ts';
import { stagePeople } from '../../../domain/directory/stagePeople.ts';
import type { CaseDirectory } from '../../../domain/disagreement/actions/caseCommand.ts';
import {
  awaitingConfirmationFrom,
  type CaseStage,
  currentMeeting,
  currentStage,
  type Disagreement,
  isOverdue,
  minutesAwaited,
  nextStages,
  stageLabel,
} from '../../../domain/disagreement/disagreement.ts';
import { placeOnTheCase } from '../../../domain/disagreement/meetingVenue.ts';
import { monitoringFormFor } from '../../../domain/disagreement/monitoringForm.ts';
import { type LadderStage, stageOf } from '../../../domain/protocol/ladder.ts';
import { categoryName } from '../../../domain/protocol/offeredCategories.ts';
import { lessonThemeNames, roleNames } from '../../../domain/vocabularyNames.ts';
import type { CaseView } from '../../../services/readDisagreements.ts';
import { keptLines } from '../../keptLines.ts';
import { caseHeading } from './caseHeading.ts';
import { caseHistory } from './caseHistoryView.ts';
import { stageLadder } from './stageLadderView.ts';

/** The words every part of the page puts things in: times in the partnership's zone, names. */
type PageWords = {
  when: (iso: string | null) => string;
  personName: (id: string) => string;
  agencyName: (id: string) => string;
};

function pageWords(view: CaseView, directory: CaseDirectory): PageWords {
  const zone = view.rules.calendar.timeZone;
  return {
    when: (iso) => (iso ? formatInstant(Temporal.Instant.from(iso), zone) : ''),
    personName: (id) =>
      directory.people.find((person) => person.id === id)?.name ?? 'Someone no longer listed',
    agencyName: (id) => directory.agencies.find((agency) => agency.id === id)?.name ?? 'An agency',
  };
}

/** An agreed action's owner with their job title and agency: the actions table's "Who". */
function ownerInWords(directory: CaseDirectory, id: string): string {
  const owner = directory.people.find((person) => person.id === id);
  if (!owner) return 'Someone no longer listed';
  return personWithRole(
    owner,
    (agencyId) => directory.agencies.find((agency) => agency.id === agencyId)?.name,
  );
}

/** Everything the case page shows, in words, from the case, its protocol and the directory. */
export function casePage(view: CaseView, directory: CaseDirectory) {
  const { disagreement, rules, abilities } = view;
  const words = pageWords(view, directory);
  const { when, personName, agencyName } = words;
  const current = disagreement.status === 'open' ? currentStage(disagreement) : null;
  const currentLadderStage = current ? stageOf(rules.ladder, current.key) : undefined;
  const monitoring = monitoringFormFor(rules);
  const awaiting = awaitingConfirmationFrom(disagreement);

  return {
    ...caseHeading(disagreement, view.actor.agencyId, agencyName),
    reference: disagreement.reference,
    status: disagreement.status,
    statusText: { open: 'Open', resolved: 'Resolved', closed: 'Closed', withdrawn: 'Withdrawn' }[
      disagreement.status
    ],
    urgent: disagreement.urgent,
    purgedNotice: disagreement.purgedAt
      ? `Details removed on ${formatDate(Temporal.Instant.from(disagreement.purgedAt).toZonedDateTimeISO(rules.calendar.timeZone).toPlainDate())} under the partnership's retention policy`
      : null,
    overdue: isOverdue(disagreement, rules.now),
    pathwayNotice: rules.ladder.notice,
    pathwayName: rules.ladder.pathwayName,
    current:
      current && currentLadderStage && currentStagePanel(view, current, currentLadderStage, when),
    sides: currentLadderStage ? sidesAt(view, currentLadderStage, directory, agencyName) : [],
    ladder: stageLadder(view),
    meeting: meetingPanel(view, currentLadderStage, words),
    nextLevel: current ? nextLevelPanel(view, directory) : null,
    abilities,
    resolution: disagreement.resolution && {
      agreedOutcome: disagreement.resolution.agreedOutcome,
      proposedBy: personName(disagreement.resolution.proposedBy),
      proposedAt: when(disagreement.resolution.proposedAt),
      confirmed: disagreement.resolution.confirmations.map(
        (confirmation) =>
          `${agencyName(confirmation.agencyId)} (${personName(confirmation.personId)}, ${when(confirmation.at)})`,
      ),
      waitingFor: awaiting.map(agencyName),
    },
    childDeadline: disagreement.childDeadline && {
      dueAt: when(disagreement.childDeadline.dueAt),
      reason: disagreement.childDeadline.reason,
      setBy: personName(disagreement.childDeadline.setBy),
    },
    monitoring: monitoring && {
      stage: stageLabel(rules, monitoring.stage),
      // At the monitoring stage its section says, once, that the other agency is told first.
      tellOtherAgencyFirst:
        currentLadderStage?.key === monitoring.stage.key &&
        currentLadderStage.onEntry.tellOtherAgencyFirst === true,
      available: disagreement.stages.some((stage) => stage.key === monitoring.stage.key),
      notifiedAt: when(disagreement.monitoringNotifiedAt),
      team: rules.protocol.terms.monitoringTeam,
    },
    recording: rules.protocol.recording.guidance,
    details: detailRows(view, words),
    actions: disagreement.actions.map((action) => ({
      id: action.id,
      description: action.description,
      owner: ownerInWords(directory, action.ownerId),
      dueAt: when(action.dueAt),
      overdue: !action.completedAt && Temporal.Instant.compare(action.dueAt, rules.now) < 0,
      completedAt: when(action.completedAt),
    })),
    lessons: disagreement.lessons.map((lesson) => ({
      themes: listInWords(lesson.themes.map((theme) => lessonThemeNames[theme])),
      text: lesson.text,
      referred: lesson.source === 'referred',
    })),
    withdrawnReason: disagreement.withdrawnReason,
    timeline: caseHistory(view, personName),
    version: disagreement.version,
    id: disagreement.id,
  };
}

/** The stage the case is at: its guidance, its due time and how that was worked out when set. */
function currentStagePanel(
  { rules }: CaseView,
  current: CaseStage,
  stage: LadderStage,
  when: PageWords['when'],
) {
  // The reasons stored with the due time: the page never works it out again.
  const due = current.dueReasons;
  const delay = rules.protocol.delay;
  return {
    label: stageLabel(rules, stage),
    who: stage.who,
    guidance: stage.guidance,
    prompts: stage.prompts,
    startedAt: when(current.startedAt),
    dueAt: current.dueAt ? when(current.dueAt) : null,
    explanation: due?.explanation ?? '',
    parts: [
      ...(due?.parts.map((part) => part.text) ?? []),
      ...(due?.met ? [due.met] : []),
      ...(due?.reprojected ? [due.reprojected] : []),
    ],
    tellOtherAgencyFirst: stage.onEntry.tellOtherAgencyFirst,
    writtenAccount: current.writtenAccount,
    writtenBy: stage.onEntry.writtenAccount?.writtenBy ?? null,
    delayGuidance:
      delay && (!delay.stages || delay.stages.includes(current.key)) ? delay.guidance : null,
  };
}

/** The chaired meeting the current stage calls for, if it calls for one. */
function meetingPanel(
  { disagreement, rules }: CaseView,
  stage: LadderStage | undefined,
  { when, personName }: PageWords,
) {
  const rule = stage?.onEntry.chairedMeeting;
  if (!rule) return null;
  const meeting = currentMeeting(disagreement);
  return {
    purpose: rule.purpose,
    // Where the protocol says the meeting is not minuted, nothing asks for minutes.
    minuted: rule.minuted,
    minutesAwaited: minutesAwaited(disagreement, rules) !== undefined,
    arranged: meeting && {
      when: when(meeting.startsAt),
      until: when(meeting.endsAt),
      place: placeOnTheCase(meeting.venue, meeting.place),
      chair: personName(meeting.chairId),
      attendees: listInWords(meeting.attendeeIds.map(personName)),
      started: Temporal.Instant.compare(meeting.startsAt, rules.now) <= 0,
      minutes: meeting.minutes,
    },
  };
}

/** Who hears when the stage needs a speedy response: the people named for the next stage. */
function nextLevelPanel({ disagreement, rules }: CaseView, directory: CaseDirectory) {
  const next = nextStages(disagreement, rules)[0];
  if (!next) return null;
  const names = stagePeople(disagreement, next, directory).flatMap((side) =>
    side.people.map((person) => nameWithLevel(person, rules.protocol.levels)),
  );
  return { stage: stageLabel(rules, next), names: listInWords(names) };
}

/** The people each agency has at the current stage, with how to reach them. */
function sidesAt(
  { disagreement, rules }: CaseView,
  stage: LadderStage,
  directory: CaseDirectory,
  agencyName: PageWords['agencyName'],
) {
  const byPartnership = stage.sides === 'partnership';
  // A person's level in the protocol's own words (Service manager), else their roles.
  const levelName = (level: string | null | undefined) =>
    rules.protocol.levels.find((each) => each.id === level)?.name;
  return stagePeople(disagreement, stage, directory).map((side) => ({
    // At a stage the partnership takes itself, the agencies' people named attend it.
    agency: side.agencyId === null ? stage.who : agencyName(side.agencyId),
    side:
      side.side === 'partnership'
        ? 'Taken by the partnership:'
        : byPartnership
          ? 'Attending for'
          : side.side === 'raising'
            ? 'Raised by'
            : 'With',
    people: side.people.map((person) => ({
      name: person.name,
      detail: [
        person.jobTitle,
        levelName(person.level) ?? listInWords(person.roles.map((role) => roleNames[role])),
      ]
        .filter(Boolean)
        .join(', '),
      email: person.email,
      telephone: person.telephone,
    })),
  }));
}

/** The summary list of what the case is about, as it was raised. */
function detailRows(
  { disagreement, rules }: CaseView,
  { when, personName, agencyName }: PageWords,
) {
  const childInWords = (child: Disagreement['children'][number]) =>
    `${child.firstName} ${child.lastName}${child.dateOfBirth ? `, born ${formatDate(Temporal.PlainDate.from(child.dateOfBirth))}` : child.expectedDueDate ? `, due ${formatDate(Temporal.PlainDate.from(child.expectedDueDate))}` : ''}`;
  return [
    { key: 'Reference', value: disagreement.reference },
    {
      key: 'Raised by',
      value: `${personName(disagreement.raisedBy)}, ${agencyName(disagreement.raiserAgencyId)}`,
    },
    {
      key: 'With',
      value: `${listInWords(disagreement.otherAgencyIds.map(agencyName))}${disagreement.otherPersonId ? ` (${personName(disagreement.otherPersonId)})` : ''}`,
    },
    { key: 'First raised', value: when(disagreement.raisedAt) },
    { key: 'What it is about', value: categoryName(rules.protocol, disagreement.category) },
    { key: 'Pathway', value: rules.ladder.pathwayName },
    // The case's rules are in its local authority's words (caseTerms): Blackpool's, Lancashire's.
    {
      key: 'Front door and monitoring team',
      value: `${rules.protocol.terms.frontDoor}; monitored by ${rules.protocol.terms.monitoringTeam}`,
    },
    {
      key: disagreement.children.length === 1 ? 'Child' : 'Children',
      value: disagreement.children.map(childInWords).join('\n'),
    },
    { key: 'The concern', value: disagreement.summary },
    { key: 'Impact on the child', value: disagreement.impactOnChild },
    ...(disagreement.evidence
      ? [{ key: 'Threshold indicators and evidence', value: disagreement.evidence }]
      : []),
    { key: 'Outcome wanted', value: disagreement.desiredOutcome },
  ].map((row) => ({
    key: { text: row.key },
    value: { html: keptLines(disagreement.purgedAt && row.value === '' ? 'Removed' : row.value) },
  }));
}
