import { randomUUID } from 'node:crypto';
import { FIRST_CALENDAR_YEAR } from '../calendar/bankHolidays.ts';
import { formatInstant } from '../calendar/formatting.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import { isoInstant } from '../clock.ts';
import { Invalid, NotAllowedNow } from '../errors.ts';
import { escalationTargets, type Ladder, type LadderStage, stageOf } from '../protocol/ladder.ts';
import type { Protocol } from '../protocol/protocolSchema.ts';
import type { LessonTheme, RecordMode } from '../vocabulary.ts';
import { type StageDue, stageDue } from './deadlines.ts';

/**
 * A disagreement (a case) and every change the protocol allows to it. Pure: each transition
 * takes the case and what the person asked for, checks the rules of protocols.md and returns
 * the changed case, or throws Invalid (the request is wrong) or NotAllowedNow (not in this
 * state). Who may ask is decided before, by can(). Instants are ISO 8601 UTC strings.
 */

export const caseStatuses = ['open', 'resolved', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const stageOutcomes = ['escalated', 'resolved', 'withdrawn'] as const;
export type StageOutcome = (typeof stageOutcomes)[number];

export type Child = {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  expectedDueDate: string | null;
};

export type CaseStage = {
  key: string;
  startedAt: string;
  dueAt: string | null;
  endedAt: string | null;
  outcome: StageOutcome | null;
  enteredBy: string;
  /** Why the case was escalated into this stage; null for the first. */
  reason: string | null;
  writtenAccount: string | null;
};

export type CaseRecord = {
  id: string;
  stageKey: string;
  occurredAt: string;
  mode: RecordMode;
  participants: string[];
  summary: string;
  recordedBy: string;
  recordedAt: string;
};

export type AgreedAction = {
  id: string;
  description: string;
  ownerId: string;
  dueAt: string;
  completedAt: string | null;
  createdBy: string;
  /** When it was agreed; absent on actions stored before this was kept. */
  createdAt?: string;
  /** The proposed outcome the action belongs to; its rejection removes the action. */
  proposalId: string | null;
};

export type Resolution = {
  id: string;
  agreedOutcome: string;
  proposedBy: string;
  /** Null when a chair who is not of a party agency proposed it: every party must confirm. */
  proposedByAgencyId: string | null;
  proposedAt: string;
  confirmations: { agencyId: string; personId: string; at: string }[];
};

/** A meeting a stage needs (a panel, a mediation, an adjourned conference), and its minutes. */
export type Meeting = {
  id: string;
  stageKey: string;
  /** The stage's place in the case's stages, so a stage entered again has its own meeting. */
  stageIndex: number;
  chairId: string;
  startsAt: string;
  endsAt: string;
  place: string;
  attendeeIds: string[];
  arrangedBy: string;
  arrangedAt: string;
  minutes: string | null;
  minutesBy: string | null;
  minutesAt: string | null;
};

export type ChildDeadline = { dueAt: string; reason: string; setBy: string; setAt: string };
export type Lesson = { theme: LessonTheme; text: string };

export const historyKinds = [
  'raised',
  'escalated',
  'outcome-proposed',
  'outcome-confirmed',
  'outcome-rejected',
  'resolved',
  'child-deadline-set',
  'child-deadline-cleared',
  'action-added',
  'action-completed',
  'withdrawn',
  'closed',
  'reprojected',
  'monitoring-notified',
  'next-level-told',
  'meeting-arranged',
  'minutes-recorded',
] as const;
export type HistoryKind = (typeof historyKinds)[number];

/** The case's own account of what happened to it, for its timeline. Free text lives here, never in the audit log. */
export type HistoryEntry = { at: string; kind: HistoryKind; personId: string | null; text: string };

export type Family = { parents: string[]; address: string };

export type Disagreement = {
  id: string;
  reference: string;
  version: number;
  partnershipId: string;
  protocolId: string;
  protocolVersion: number;
  localAuthorityId: string | null;
  status: CaseStatus;
  urgent: boolean;
  category: string;
  pathway: string;
  raisedAt: string;
  raisedBy: string;
  raiserAgencyId: string;
  otherAgencyIds: string[];
  otherPersonId: string | null;
  children: Child[];
  summary: string;
  impactOnChild: string;
  desiredOutcome: string;
  evidence: string | null;
  family: Family | null;
  referralDate: string | null;
  agenciesInvolved: string | null;
  stages: CaseStage[];
  records: CaseRecord[];
  actions: AgreedAction[];
  resolution: Resolution | null;
  childDeadline: ChildDeadline | null;
  monitoringNotifiedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  withdrawnReason: string | null;
  lessons: Lesson[];
  /** Chaired meetings; absent on cases stored before meetings existed. */
  meetings?: Meeting[];
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
};

/** What the protocol and the partnership's calendar say, and the time now. */
export type CaseRules = {
  protocol: Protocol;
  ladder: Ladder;
  calendar: WorkingCalendar;
  now: Temporal.Instant;
};

export type Party = { personId: string; agencyId: string | null };

const instant = (iso: string) => Temporal.Instant.from(iso);
const compare = (a: string, b: string) => Temporal.Instant.compare(instant(a), instant(b));

export function currentStage(disagreement: Disagreement): CaseStage | null {
  const last = disagreement.stages.at(-1);
  return last && last.endedAt === null ? last : null;
}

export function partyAgencyIds(disagreement: Disagreement): string[] {
  return [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds];
}

export function isOverdue(disagreement: Disagreement, now: Temporal.Instant): boolean {
  const stage = currentStage(disagreement);
  return (
    disagreement.status === 'open' &&
    stage?.dueAt != null &&
    Temporal.Instant.compare(instant(stage.dueAt), now) < 0
  );
}

/** False while the case has only been at stages inside the raising agency (East Riding stage 1). */
export function otherSideCanSee(disagreement: Disagreement, ladder: Ladder): boolean {
  return disagreement.stages.some((stage) => stageOf(ladder, stage.key)?.sides !== 'raising');
}

/** The stage in force at an instant: the last one started at or before it. */
export function stageInForceAt(disagreement: Disagreement, at: string): CaseStage {
  const started = disagreement.stages.filter((stage) => compare(stage.startedAt, at) <= 0);
  return started.at(-1) ?? (disagreement.stages[0] as CaseStage);
}

/** The effective due time of a stage entered at `startedAt`, with its explanation. */
export function dueOf(
  disagreement: Disagreement,
  rules: CaseRules,
  stageKey: string,
  startedAt: string,
  childDeadline: ChildDeadline | null = disagreement.childDeadline,
): StageDue {
  return stageDue(
    {
      protocol: rules.protocol,
      ladder: rules.ladder,
      raisedAt: instant(disagreement.raisedAt),
      stages: disagreement.stages.map((stage) => ({
        key: stage.key,
        startedAt: instant(stage.startedAt),
      })),
      childDeadline: childDeadline ? instant(childDeadline.dueAt) : null,
      calendar: rules.calendar,
    },
    stageKey,
    instant(startedAt),
    { ownTimescaleMet: meetingMetTimescale(disagreement, rules, stageKey) },
  );
}

/** Whether a stage's timescale was for its meeting to be set, and the meeting has been. */
function meetingMetTimescale(
  disagreement: Disagreement,
  rules: CaseRules,
  stageKey: string,
): boolean {
  const stage = stageOf(rules.ladder, stageKey);
  if (!stage?.timescale.describes || !stage.onEntry.chairedMeeting) return false;
  const entry = disagreement.stages.map((entered) => entered.key).lastIndexOf(stageKey);
  return meetingsOf(disagreement).some(
    (meeting) => meeting.stageKey === stageKey && meeting.stageIndex === entry,
  );
}

export type RaiseInput = {
  id?: string;
  reference: string;
  partnershipId: string;
  protocolVersion: number;
  localAuthorityId: string | null;
  raisedBy: string;
  raiserAgencyId: string;
  otherAgencyIds: string[];
  otherPersonId: string | null;
  raisedAt: string;
  category: string;
  pathway: string;
  urgent: boolean;
  children: Child[];
  summary: string;
  impactOnChild: string;
  desiredOutcome: string;
  evidence: string | null;
  family: Family | null;
  referralDate: string | null;
  agenciesInvolved: string | null;
};

export function raise(input: RaiseInput, rules: CaseRules): Disagreement {
  const now = isoInstant(rules.now);
  notInFuture(input.raisedAt, rules, 'The date the disagreement was first raised', 'raisedAt');
  if (
    Temporal.Instant.from(input.raisedAt).toZonedDateTimeISO(rules.calendar.timeZone).year <
    FIRST_CALENDAR_YEAR
  ) {
    throw new NotAllowedNow(
      `The date the disagreement was first raised must be in ${FIRST_CALENDAR_YEAR} or later`,
    );
  }
  if (input.otherAgencyIds.includes(input.raiserAgencyId)) {
    throw new NotAllowedNow(
      'A disagreement inside one agency follows that agency’s own procedures: choose another agency',
    );
  }
  if (new Set(input.otherAgencyIds).size !== input.otherAgencyIds.length) {
    throw new Invalid('An agency is named twice', [
      { path: 'otherAgencyIds', message: 'Name each agency once' },
    ]);
  }
  const first = rules.ladder.stages[0] as LadderStage;
  const draft: Disagreement = {
    id: input.id ?? randomUUID(),
    reference: input.reference,
    version: 1,
    partnershipId: input.partnershipId,
    protocolId: rules.protocol.id,
    protocolVersion: input.protocolVersion,
    localAuthorityId: input.localAuthorityId,
    status: 'open',
    urgent: input.urgent,
    category: input.category,
    pathway: input.pathway,
    raisedAt: input.raisedAt,
    raisedBy: input.raisedBy,
    raiserAgencyId: input.raiserAgencyId,
    otherAgencyIds: input.otherAgencyIds,
    otherPersonId: input.otherPersonId,
    children: input.children,
    summary: input.summary,
    impactOnChild: input.impactOnChild,
    desiredOutcome: input.desiredOutcome,
    evidence: input.evidence,
    family: input.family,
    referralDate: input.referralDate,
    agenciesInvolved: input.agenciesInvolved,
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
    history: [],
    createdAt: now,
    updatedAt: now,
  };
  const stage: CaseStage = {
    key: first.key,
    startedAt: input.raisedAt,
    dueAt: null,
    endedAt: null,
    outcome: null,
    enteredBy: input.raisedBy,
    reason: null,
    writtenAccount: null,
  };
  draft.stages = [{ ...stage, dueAt: dueIso(dueOf(draft, rules, first.key, input.raisedAt)) }];
  draft.history = [
    {
      at: input.raisedAt,
      kind: 'raised',
      personId: input.raisedBy,
      text: `Raised${input.urgent ? ' as urgent' : ''}, at ${stageLabel(rules, first)}`,
    },
  ];
  return enteredMonitoringStage(draft, first, rules, input.raisedBy);
}

export type RecordInput = {
  occurredAt: string;
  mode: RecordMode;
  participants: string[];
  summary: string;
};

export function recordDiscussion(
  disagreement: Disagreement,
  input: RecordInput,
  recordedBy: string,
  rules: CaseRules,
): Disagreement {
  notEnded(disagreement, 'record a discussion on');
  notInFuture(input.occurredAt, rules, 'The date of the discussion', 'occurredAt');
  if (compare(input.occurredAt, disagreement.raisedAt) < 0) {
    throw new NotAllowedNow(
      'A discussion cannot be dated before the disagreement was first raised',
      { field: 'occurredAt' },
    );
  }
  const record: CaseRecord = {
    id: randomUUID(),
    stageKey: stageInForceAt(disagreement, input.occurredAt).key,
    occurredAt: input.occurredAt,
    mode: input.mode,
    participants: input.participants,
    summary: input.summary,
    recordedBy,
    recordedAt: isoInstant(rules.now),
  };
  const records = [...disagreement.records, record].sort((a, b) =>
    compare(a.occurredAt, b.occurredAt),
  );
  return changed(disagreement, rules, { records });
}

export type EscalateInput = {
  occurredAt: string;
  reason: string;
  toStageKey?: string | undefined;
  writtenAccount?: string | undefined;
};

/** Where the case could go from its current stage: the next stage and any allowed jump. */
export function nextStages(disagreement: Disagreement, rules: CaseRules): LadderStage[] {
  const stage = currentStage(disagreement);
  return stage && disagreement.status === 'open' ? escalationTargets(rules.ladder, stage.key) : [];
}

export function escalate(
  disagreement: Disagreement,
  input: EscalateInput,
  by: string,
  rules: CaseRules,
): Disagreement {
  const current = openStage(disagreement, 'escalate');
  notInFuture(input.occurredAt, rules, 'The date of the escalation', 'occurredAt');
  if (compare(input.occurredAt, current.startedAt) < 0) {
    throw new NotAllowedNow('An escalation cannot be dated before the current stage started', {
      field: 'occurredAt',
    });
  }
  const targets = escalationTargets(rules.ladder, current.key);
  if (targets.length === 0) {
    throw new NotAllowedNow('This is the last stage of the protocol: there is no stage to go to');
  }
  let target = targets[0] as LadderStage;
  if (input.toStageKey !== undefined) {
    if (!stageOf(rules.ladder, input.toStageKey)) {
      throw new Invalid('There is no such stage', [
        { path: 'toStageKey', message: `This case’s pathway has no stage "${input.toStageKey}"` },
      ]);
    }
    const jump = targets.find((stage) => stage.key === input.toStageKey);
    if (!jump) {
      throw new NotAllowedNow(
        `The protocol does not allow going from ${stageLabel(rules, stageOf(rules.ladder, current.key))} to ${stageLabel(rules, stageOf(rules.ladder, input.toStageKey))}`,
      );
    }
    target = jump;
  }
  const writtenAccount = input.writtenAccount?.trim() || null;
  if (target.onEntry.writtenAccount && !writtenAccount) {
    throw new Invalid('A written account is needed', [
      {
        path: 'writtenAccount',
        message: `Enter the written account: ${target.onEntry.writtenAccount.prompt}`,
      },
    ]);
  }
  const ended = disagreement.stages.map((stage) =>
    stage === current
      ? { ...stage, endedAt: input.occurredAt, outcome: 'escalated' as const }
      : stage,
  );
  const entered: CaseStage = {
    key: target.key,
    startedAt: input.occurredAt,
    dueAt: null,
    endedAt: null,
    outcome: null,
    enteredBy: by,
    reason: input.reason,
    writtenAccount,
  };
  const withStage = { ...disagreement, stages: [...ended, entered] };
  entered.dueAt = dueIso(dueOf(withStage, rules, target.key, input.occurredAt));
  const next = changed(disagreement, rules, {
    stages: [...ended, entered],
    // A proposal that was waiting lapses: the disagreement goes on at the next level.
    resolution: null,
    actions: disagreement.resolution
      ? disagreement.actions.filter((action) => action.proposalId !== disagreement.resolution?.id)
      : disagreement.actions,
    history: [
      ...disagreement.history,
      {
        at: input.occurredAt,
        kind: 'escalated',
        personId: by,
        text: `Escalated to ${stageLabel(rules, target)}. Reason: ${input.reason}`,
      },
    ],
  });
  return enteredMonitoringStage(next, target, rules, by);
}

function enteredMonitoringStage(
  disagreement: Disagreement,
  stage: LadderStage,
  rules: CaseRules,
  by: string,
): Disagreement {
  if (!stage.onEntry.notifyMonitoringTeam || disagreement.monitoringNotifiedAt) {
    return disagreement;
  }
  const at = isoInstant(rules.now);
  return {
    ...disagreement,
    monitoringNotifiedAt: at,
    history: [
      ...disagreement.history,
      {
        at,
        kind: 'monitoring-notified',
        personId: by,
        text: `The ${rules.protocol.terms.monitoringTeam} is to be told: the case reached ${stageLabel(rules, stage)}`,
      },
    ],
  };
}

export type ActionInput = { description: string; ownerId: string; dueAt: string };

export function proposeOutcome(
  disagreement: Disagreement,
  input: { occurredAt: string; agreedOutcome: string; actions: ActionInput[] },
  by: Party,
  rules: CaseRules,
): Disagreement {
  const current = openStage(disagreement, 'propose an outcome for');
  if (!otherSideCanSee(disagreement, rules.ladder)) {
    throw new NotAllowedNow(
      'This stage is inside your own agency: an outcome is agreed with the other agency once it is told, at the next stage',
    );
  }
  if (disagreement.resolution) {
    throw new NotAllowedNow(
      'An outcome is already waiting to be confirmed: confirm or reject it first',
    );
  }
  notInFuture(input.occurredAt, rules, 'The date the outcome was agreed', 'occurredAt');
  if (compare(input.occurredAt, current.startedAt) < 0) {
    throw new NotAllowedNow('An outcome cannot be dated before the current stage started', {
      field: 'occurredAt',
    });
  }
  const proposalId = randomUUID();
  const proposedByAgencyId =
    by.agencyId && partyAgencyIds(disagreement).includes(by.agencyId) ? by.agencyId : null;
  const actions = input.actions.map(
    (action): AgreedAction => ({
      id: randomUUID(),
      ...action,
      completedAt: null,
      createdBy: by.personId,
      createdAt: isoInstant(rules.now),
      proposalId,
    }),
  );
  return changed(disagreement, rules, {
    resolution: {
      id: proposalId,
      agreedOutcome: input.agreedOutcome,
      proposedBy: by.personId,
      proposedByAgencyId,
      proposedAt: input.occurredAt,
      confirmations: [],
    },
    actions: [...disagreement.actions, ...actions],
    history: [
      ...disagreement.history,
      {
        at: input.occurredAt,
        kind: 'outcome-proposed',
        personId: by.personId,
        text: `Outcome proposed: ${input.agreedOutcome}`,
      },
    ],
  });
}

/** The party agencies whose confirmation the proposed outcome still needs. */
export function awaitingConfirmationFrom(disagreement: Disagreement): string[] {
  const resolution = disagreement.resolution;
  if (!resolution || disagreement.status !== 'open') return [];
  const confirmed = new Set(resolution.confirmations.map((c) => c.agencyId));
  return partyAgencyIds(disagreement).filter(
    (agencyId) => agencyId !== resolution.proposedByAgencyId && !confirmed.has(agencyId),
  );
}

export function confirmOutcome(
  disagreement: Disagreement,
  by: { personId: string; agencyId: string },
  rules: CaseRules,
): Disagreement {
  const current = openStage(disagreement, 'confirm an outcome on');
  const resolution = disagreement.resolution;
  if (!resolution) throw new NotAllowedNow('There is no proposed outcome to confirm');
  const waiting = awaitingConfirmationFrom(disagreement);
  if (!waiting.includes(by.agencyId)) {
    throw new NotAllowedNow('Your agency has already confirmed this outcome');
  }
  const at = isoInstant(rules.now);
  const confirmations = [
    ...resolution.confirmations,
    { agencyId: by.agencyId, personId: by.personId, at },
  ];
  const history = [
    ...disagreement.history,
    { at, kind: 'outcome-confirmed' as const, personId: by.personId, text: 'Outcome confirmed' },
  ];
  if (waiting.length > 1) {
    return changed(disagreement, rules, { resolution: { ...resolution, confirmations }, history });
  }
  return changed(disagreement, rules, {
    status: 'resolved',
    resolvedAt: at,
    resolution: { ...resolution, confirmations },
    stages: disagreement.stages.map((stage) =>
      stage === current ? { ...stage, endedAt: at, outcome: 'resolved' as const } : stage,
    ),
    history: [
      ...history,
      {
        at,
        kind: 'resolved',
        personId: null,
        text: 'Resolved: every agency confirmed the outcome',
      },
    ],
  });
}

export function rejectOutcome(
  disagreement: Disagreement,
  reason: string,
  by: { personId: string; agencyId: string },
  rules: CaseRules,
): Disagreement {
  openStage(disagreement, 'reject an outcome on');
  const resolution = disagreement.resolution;
  if (!resolution) throw new NotAllowedNow('There is no proposed outcome to reject');
  if (!awaitingConfirmationFrom(disagreement).includes(by.agencyId)) {
    throw new NotAllowedNow(
      'Your agency has already confirmed this outcome: record why it no longer agrees instead',
    );
  }
  return changed(disagreement, rules, {
    resolution: null,
    actions: disagreement.actions.filter((action) => action.proposalId !== resolution.id),
    history: [
      ...disagreement.history,
      {
        at: isoInstant(rules.now),
        kind: 'outcome-rejected',
        personId: by.personId,
        text: `Proposed outcome rejected. Reason: ${reason}`,
      },
    ],
  });
}

export function withdraw(
  disagreement: Disagreement,
  reason: string,
  by: string,
  rules: CaseRules,
): Disagreement {
  const current = openStage(disagreement, 'withdraw');
  const at = isoInstant(rules.now);
  return changed(disagreement, rules, {
    status: 'withdrawn',
    withdrawnReason: reason,
    resolution: null,
    stages: disagreement.stages.map((stage) =>
      stage === current ? { ...stage, endedAt: at, outcome: 'withdrawn' as const } : stage,
    ),
    history: [
      ...disagreement.history,
      { at, kind: 'withdrawn', personId: by, text: `Withdrawn. Reason: ${reason}` },
    ],
  });
}

export function close(
  disagreement: Disagreement,
  lessons: Lesson[],
  by: string,
  rules: CaseRules,
): Disagreement {
  if (disagreement.status !== 'resolved') {
    throw new NotAllowedNow('Only a resolved disagreement can be closed');
  }
  lessons.forEach((lesson, index) => {
    if (!rules.protocol.learning.themes.includes(lesson.theme)) {
      throw new Invalid('That lesson theme is not one this partnership uses', [
        { path: `lessons.${index}.theme`, message: 'Choose one of the partnership’s themes' },
      ]);
    }
  });
  const at = isoInstant(rules.now);
  return changed(disagreement, rules, {
    status: 'closed',
    closedAt: at,
    lessons,
    history: [
      ...disagreement.history,
      {
        at,
        kind: 'closed',
        personId: by,
        text:
          lessons.length === 0
            ? 'Closed'
            : `Closed, with ${lessons.length} lesson${lessons.length === 1 ? '' : 's'} for the partnership`,
      },
    ],
  });
}

export function setChildDeadline(
  disagreement: Disagreement,
  input: { dueAt: string; reason: string },
  by: string,
  rules: CaseRules,
): Disagreement {
  openStage(disagreement, 'set a deadline on');
  if (compare(input.dueAt, isoInstant(rules.now)) <= 0) {
    throw new NotAllowedNow('A deadline to protect the child must be in the future', {
      field: 'dueAt',
    });
  }
  const childDeadline: ChildDeadline = {
    dueAt: input.dueAt,
    reason: input.reason,
    setBy: by,
    setAt: isoInstant(rules.now),
  };
  const verb = disagreement.childDeadline ? 'changed' : 'set';
  return withOpenStageDue(disagreement, rules, childDeadline, {
    at: childDeadline.setAt,
    kind: 'child-deadline-set',
    personId: by,
    text: `Deadline to protect the child ${verb}. Reason: ${input.reason}`,
  });
}

export function clearChildDeadline(
  disagreement: Disagreement,
  reason: string,
  by: string,
  rules: CaseRules,
): Disagreement {
  openStage(disagreement, 'clear a deadline on');
  if (!disagreement.childDeadline) {
    throw new NotAllowedNow('There is no deadline to protect the child to clear');
  }
  return withOpenStageDue(disagreement, rules, null, {
    at: isoInstant(rules.now),
    kind: 'child-deadline-cleared',
    personId: by,
    text: `Deadline to protect the child cleared. Reason: ${reason}`,
  });
}

function withOpenStageDue(
  disagreement: Disagreement,
  rules: CaseRules,
  childDeadline: ChildDeadline | null,
  entry: HistoryEntry,
): Disagreement {
  const current = currentStage(disagreement);
  return changed(disagreement, rules, {
    childDeadline,
    stages: disagreement.stages.map((stage) =>
      stage === current
        ? {
            ...stage,
            dueAt: dueIso(dueOf(disagreement, rules, stage.key, stage.startedAt, childDeadline)),
          }
        : stage,
    ),
    history: [...disagreement.history, entry],
  });
}

export function addAction(
  disagreement: Disagreement,
  input: ActionInput,
  by: string,
  rules: CaseRules,
): Disagreement {
  notEnded(disagreement, 'add an action to');
  const action: AgreedAction = {
    id: randomUUID(),
    ...input,
    completedAt: null,
    createdBy: by,
    createdAt: isoInstant(rules.now),
    proposalId: null,
  };
  return changed(disagreement, rules, {
    actions: [...disagreement.actions, action],
    history: [
      ...disagreement.history,
      {
        at: isoInstant(rules.now),
        kind: 'action-added',
        personId: by,
        text: `Action agreed: ${input.description}`,
      },
    ],
  });
}

export function completeAction(
  disagreement: Disagreement,
  actionId: string,
  by: string,
  rules: CaseRules,
): Disagreement {
  notEnded(disagreement, 'complete an action on');
  const action = disagreement.actions.find((candidate) => candidate.id === actionId);
  if (!action)
    throw new Invalid('There is no such action', [
      { path: 'actionId', message: 'There is no such action on this case' },
    ]);
  if (action.completedAt) throw new NotAllowedNow('That action is already complete');
  const at = isoInstant(rules.now);
  return changed(disagreement, rules, {
    actions: disagreement.actions.map((candidate) =>
      candidate === action ? { ...candidate, completedAt: at } : candidate,
    ),
    history: [
      ...disagreement.history,
      {
        at,
        kind: 'action-completed',
        personId: by,
        text: `Action completed: ${action.description}`,
      },
    ],
  });
}

/** A new due time for the open stage after the partnership's working time changed, with the reason. */
export function withReprojectedStage(
  disagreement: Disagreement,
  rules: CaseRules,
  reasonFor: (dueAt: string | null) => string,
): Disagreement {
  const current = currentStage(disagreement);
  if (!current || disagreement.status !== 'open') return disagreement;
  const dueAt = dueIso(dueOf(disagreement, rules, current.key, current.startedAt));
  const before = current.dueAt
    ? `by ${formatInstant(instant(current.dueAt), rules.calendar.timeZone)}`
    : 'no set time';
  const after = dueAt
    ? `by ${formatInstant(instant(dueAt), rules.calendar.timeZone)}`
    : 'no set time';
  const effect =
    dueAt === current.dueAt ? `Still due ${after}.` : `Was due ${before}, now due ${after}.`;
  return changed(disagreement, rules, {
    stages: disagreement.stages.map((stage) => (stage === current ? { ...stage, dueAt } : stage)),
    history: [
      ...disagreement.history,
      {
        at: isoInstant(rules.now),
        kind: 'reprojected',
        personId: null,
        text: `${reasonFor(dueAt)} ${effect}`,
      },
    ],
  });
}

export function meetingsOf(disagreement: Disagreement): Meeting[] {
  return disagreement.meetings ?? [];
}

/** The meeting of the current stage entry, if one was arranged. */
export function currentMeeting(disagreement: Disagreement): Meeting | undefined {
  const index = disagreement.stages.length - 1;
  return meetingsOf(disagreement).find((meeting) => meeting.stageIndex === index);
}

export type MeetingInput = {
  chairId: string;
  chairName: string;
  startsAt: string;
  endsAt: string;
  place: string;
  attendeeIds: string[];
};

/** Arranges (or moves) the chaired meeting the current stage needs. */
export function arrangeMeeting(
  disagreement: Disagreement,
  input: MeetingInput,
  by: string,
  rules: CaseRules,
): { disagreement: Disagreement; meeting: Meeting } {
  const current = openStage(disagreement, 'arrange a meeting for');
  const stage = stageOf(rules.ladder, current.key);
  if (!stage?.onEntry.chairedMeeting) {
    throw new NotAllowedNow(`${stageLabel(rules, stage)} does not call for a chaired meeting`);
  }
  if (compare(input.endsAt, input.startsAt) <= 0) {
    throw new Invalid('The meeting must end after it starts', [
      { path: 'endsAt', message: 'The meeting must end after it starts' },
    ]);
  }
  if (compare(input.startsAt, current.startedAt) < 0) {
    throw new NotAllowedNow('The meeting cannot be before the stage started', {
      field: 'startsAt',
    });
  }
  const stageIndex = disagreement.stages.length - 1;
  const previous = currentMeeting(disagreement);
  const meeting: Meeting = {
    id: previous?.id ?? randomUUID(),
    stageKey: current.key,
    stageIndex,
    chairId: input.chairId,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    place: input.place,
    attendeeIds: [...new Set([input.chairId, ...input.attendeeIds])],
    arrangedBy: by,
    arrangedAt: isoInstant(rules.now),
    minutes: null,
    minutesBy: null,
    minutesAt: null,
  };
  const when = formatInstant(instant(input.startsAt), rules.calendar.timeZone);
  const meetings = [
    ...meetingsOf(disagreement).filter((m) => m.stageIndex !== stageIndex),
    meeting,
  ];
  const dueAt = dueIso(dueOf({ ...disagreement, meetings }, rules, current.key, current.startedAt));
  const next = changed(disagreement, rules, {
    meetings,
    stages: disagreement.stages.map((entered) =>
      entered === current ? { ...entered, dueAt } : entered,
    ),
    history: [
      ...disagreement.history,
      {
        at: isoInstant(rules.now),
        kind: 'meeting-arranged',
        personId: by,
        text: `${previous ? 'Meeting moved' : 'Meeting arranged'}: ${when}, ${input.place}, chaired by ${input.chairName}`,
      },
    ],
  });
  return { disagreement: next, meeting };
}

export function recordMinutes(
  disagreement: Disagreement,
  input: { meetingId: string; minutes: string },
  by: string,
  rules: CaseRules,
): Disagreement {
  notEnded(disagreement, 'record minutes on');
  const meeting = meetingsOf(disagreement).find((candidate) => candidate.id === input.meetingId);
  if (!meeting) {
    throw new Invalid('There is no such meeting', [
      { path: 'meetingId', message: 'There is no such meeting on this case' },
    ]);
  }
  if (compare(meeting.startsAt, isoInstant(rules.now)) > 0) {
    throw new NotAllowedNow('The minutes are recorded once the meeting has started', {
      field: 'minutes',
    });
  }
  const at = isoInstant(rules.now);
  return changed(disagreement, rules, {
    meetings: meetingsOf(disagreement).map((candidate) =>
      candidate === meeting
        ? { ...candidate, minutes: input.minutes, minutesBy: by, minutesAt: at }
        : candidate,
    ),
    history: [
      ...disagreement.history,
      { at, kind: 'minutes-recorded', personId: by, text: `Minutes recorded: ${input.minutes}` },
    ],
  });
}

/** A person on a side told the next level that the stage needs a speedy response (protocols.md §1 "Delay"). */
export function noteNextLevelTold(
  disagreement: Disagreement,
  names: readonly string[],
  by: string,
  rules: CaseRules,
): Disagreement {
  openStage(disagreement, 'tell the next level about');
  if (!isOverdue(disagreement, rules.now)) {
    throw new NotAllowedNow('The next level is told when the stage is overdue, and it is not yet');
  }
  const next = nextStages(disagreement, rules)[0];
  if (!next)
    throw new NotAllowedNow('This is the last stage of the protocol: there is no next level');
  if (names.length === 0) {
    throw new NotAllowedNow(
      `The directory names nobody for ${stageLabel(rules, next)}: ask the partnership team`,
    );
  }
  return changed(disagreement, rules, {
    history: [
      ...disagreement.history,
      {
        at: isoInstant(rules.now),
        kind: 'next-level-told',
        personId: by,
        text: `The next level (${names.join(', ')}) was told that a speedy response is needed`,
      },
    ],
  });
}

export function stageLabel(rules: CaseRules, stage: LadderStage | undefined): string {
  if (!stage) return 'an unknown stage';
  // A stage's number names it, like a title: "Stage 3", "Step 4a".
  const term =
    rules.protocol.terms.stage.charAt(0).toUpperCase() + rules.protocol.terms.stage.slice(1);
  return stage.number ? `${term} ${stage.number} (${stage.name})` : `“${stage.name}”`;
}

function changed(
  disagreement: Disagreement,
  rules: CaseRules,
  changes: Partial<Disagreement>,
): Disagreement {
  return {
    ...disagreement,
    ...changes,
    version: disagreement.version + 1,
    updatedAt: isoInstant(rules.now),
  };
}

function dueIso(due: StageDue): string | null {
  return due.dueAt ? isoInstant(due.dueAt) : null;
}

function openStage(disagreement: Disagreement, doing: string): CaseStage {
  const stage = currentStage(disagreement);
  if (disagreement.status !== 'open' || !stage) {
    throw new NotAllowedNow(`You cannot ${doing} a disagreement that is ${disagreement.status}`);
  }
  return stage;
}

function notEnded(disagreement: Disagreement, doing: string): void {
  if (disagreement.status === 'closed' || disagreement.status === 'withdrawn') {
    throw new NotAllowedNow(`You cannot ${doing} a disagreement that is ${disagreement.status}`);
  }
}

function notInFuture(at: string, rules: CaseRules, what: string, field: string): void {
  if (Temporal.Instant.compare(instant(at), rules.now) > 0) {
    throw new NotAllowedNow(`${what} cannot be in the future`, { field });
  }
}
