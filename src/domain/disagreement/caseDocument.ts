import { z } from 'zod';
import { lessonThemes, recordModes } from '../vocabulary.ts';

/**
 * A case as it is stored: one JSON document (docs/decisions/0005), checked by this schema
 * whenever it is read, and carrying the version of its shape so that a document stored by an
 * earlier Accord is upgraded as it is read (upgradeCaseDocument) rather than misread. Every
 * type of the case is inferred from here.
 */

export const CASE_DOCUMENT_VERSION = 4;

export const caseStatuses = ['open', 'resolved', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const stageOutcomes = ['escalated', 'resolved', 'withdrawn'] as const;
export type StageOutcome = (typeof stageOutcomes)[number];

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
  'partnership-told',
  'acknowledged',
  'lesson-referred',
] as const;
export type HistoryKind = (typeof historyKinds)[number];

const instant = z.string();
const date = z.string();

const child = z.object({
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: date.nullable(),
  expectedDueDate: date.nullable(),
});

/** One limit on a stage's due time, in the words it was worked out in when it was set. */
const duePart = z.object({
  kind: z.enum(['stage', 'cap', 'child-deadline']),
  dueAt: instant,
  text: z.string(),
});

/**
 * Why a stage is due when it is, kept with the due time whenever it is set or worked out
 * again, so that what the page says is what was worked out. Null on stages stored before the
 * reasons were kept.
 */
const dueReasons = z.object({
  explanation: z.string(),
  parts: z.array(duePart),
  /** A timescale for something other than the stage's end that has been met (Lincolnshire 4a). */
  met: z.string().nullable(),
  /**
   * When and why the due time was worked out again after the partnership's working time
   * changed ("Re-projected on … because …"); absent when it was last worked out for another
   * reason. Stored without a new documentVersion: absent reads as not re-projected.
   */
  reprojected: z.string().optional(),
});

const stage = z.object({
  key: z.string(),
  startedAt: instant,
  dueAt: instant.nullable(),
  dueReasons: dueReasons.nullable(),
  endedAt: instant.nullable(),
  outcome: z.enum(stageOutcomes).nullable(),
  enteredBy: z.string(),
  /** Why the case was escalated into this stage; null for the first. */
  reason: z.string().nullable(),
  writtenAccount: z.string().nullable(),
});

const record = z.object({
  id: z.string(),
  stageKey: z.string(),
  occurredAt: instant,
  mode: z.enum(recordModes),
  participants: z.array(z.string()),
  summary: z.string(),
  recordedBy: z.string(),
  recordedAt: instant,
});

const agreedAction = z.object({
  id: z.string(),
  description: z.string(),
  ownerId: z.string(),
  dueAt: instant,
  completedAt: instant.nullable(),
  createdBy: z.string(),
  /** When it was agreed: its reminder counts from then. */
  createdAt: instant,
  /** The proposed outcome the action belongs to; its rejection removes the action. */
  proposalId: z.string().nullable(),
});

const resolution = z.object({
  id: z.string(),
  agreedOutcome: z.string(),
  proposedBy: z.string(),
  /** Null when a chair who is not of a party agency proposed it: every party must confirm. */
  proposedByAgencyId: z.string().nullable(),
  proposedAt: instant,
  confirmations: z.array(z.object({ agencyId: z.string(), personId: z.string(), at: instant })),
});

const venue = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('listed'),
    placeId: z.string(),
    name: z.string(),
    address: z.string().nullable(),
  }),
  z.object({ kind: z.literal('online') }),
  z.object({ kind: z.literal('on-the-case') }),
]);

/** A meeting a stage needs (a panel, a mediation, an adjourned conference), and its minutes. */
const meeting = z.object({
  id: z.string(),
  stageKey: z.string(),
  /** The stage's place in the case's stages, so a stage entered again has its own meeting. */
  stageIndex: z.number().int(),
  chairId: z.string(),
  startsAt: instant,
  endsAt: instant,
  /**
   * What the chair typed of where it is (a room, the video link): it stays on the case, and is
   * purged with the case's other free text. Invitations name only the venue.
   */
  place: z.string(),
  /**
   * Where the invitations say it is: a place of the partnership's list, as it was named when the
   * meeting was arranged, online, or "on the case" (a meeting arranged before venues, or one
   * somewhere else). Stored without a new documentVersion: its default reads older meetings.
   */
  venue: venue.default({ kind: 'on-the-case' }),
  attendeeIds: z.array(z.string()),
  arrangedBy: z.string(),
  arrangedAt: instant,
  minutes: z.string().nullable(),
  minutesBy: z.string().nullable(),
  minutesAt: instant.nullable(),
});

const childDeadline = z.object({
  dueAt: instant,
  reason: z.string(),
  setBy: z.string(),
  setAt: instant,
});
/**
 * A lesson for the partnership's learning log: given when the case is closed, or referred while
 * it runs (Lincolnshire's step 4b: the Senior Liaison Officers refer learning points). What the
 * partnership then does with it is the learning log's, not the case's.
 */
/**
 * A lesson's id: a UUID, or, for a lesson of a case stored before lessons had ids, one made
 * from its case's and its place (`<case id>-lesson-2`; see the upgrade from version 2).
 */
export const isLessonId = (text: string) => /^[0-9a-f-]{36}(-lesson-\d{1,4})?$/.test(text);

const lesson = z.object({
  id: z.string(),
  /** What it is about, the first the main one: a lesson may be about several things. */
  themes: z.array(z.enum(lessonThemes)).min(1),
  text: z.string(),
  source: z.enum(['closed', 'referred']),
  recordedAt: instant,
  recordedBy: z.string(),
});

/** A case the partnership team was told of before (or without) its monitoring stage, and why. */
const partnershipTold = z.object({ at: instant, by: z.string(), reason: z.string() });
/** The partnership team has seen the case in its monitoring inbox. */
const acknowledgement = z.object({ at: instant, by: z.string() });

/** The case's own account of what happened to it, for its timeline. Free text lives here, never in the audit log. */
const historyEntry = z.object({
  at: instant,
  kind: z.enum(historyKinds),
  personId: z.string().nullable(),
  text: z.string(),
});

const family = z.object({ parents: z.array(z.string()), address: z.string() });

export const caseDocument = z.object({
  documentVersion: z.literal(CASE_DOCUMENT_VERSION),
  id: z.string(),
  reference: z.string(),
  version: z.number().int().positive(),
  partnershipId: z.string(),
  protocolId: z.string(),
  protocolVersion: z.number().int(),
  localAuthorityId: z.string().nullable(),
  status: z.enum(caseStatuses),
  urgent: z.boolean(),
  category: z.string(),
  pathway: z.string(),
  raisedAt: instant,
  raisedBy: z.string(),
  raiserAgencyId: z.string(),
  otherAgencyIds: z.array(z.string()),
  otherPersonId: z.string().nullable(),
  children: z.array(child),
  summary: z.string(),
  impactOnChild: z.string(),
  desiredOutcome: z.string(),
  evidence: z.string().nullable(),
  family: family.nullable(),
  referralDate: date.nullable(),
  agenciesInvolved: z.string().nullable(),
  stages: z.array(stage),
  records: z.array(record),
  actions: z.array(agreedAction),
  resolution: resolution.nullable(),
  childDeadline: childDeadline.nullable(),
  monitoringNotifiedAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  closedAt: instant.nullable(),
  withdrawnReason: z.string().nullable(),
  lessons: z.array(lesson),
  partnershipTold: partnershipTold.nullable(),
  acknowledged: acknowledgement.nullable(),
  meetings: z.array(meeting),
  history: z.array(historyEntry),
  createdAt: instant,
  updatedAt: instant,
  /** When its retention period ran out and its free text and children's details were removed. */
  purgedAt: instant.nullable(),
});

export type Disagreement = z.infer<typeof caseDocument>;
export type Child = z.infer<typeof child>;
export type CaseStage = z.infer<typeof stage>;
export type DueReasons = z.infer<typeof dueReasons>;
export type CaseRecord = z.infer<typeof record>;
export type AgreedAction = z.infer<typeof agreedAction>;
export type Resolution = z.infer<typeof resolution>;
export type Meeting = z.infer<typeof meeting>;
export type MeetingVenue = Meeting['venue'];
export type ChildDeadline = z.infer<typeof childDeadline>;
export type Lesson = z.infer<typeof lesson>;
export type PartnershipTold = z.infer<typeof partnershipTold>;
export type Acknowledgement = z.infer<typeof acknowledgement>;
export type HistoryEntry = z.infer<typeof historyEntry>;
export type Family = z.infer<typeof family>;

type Stored = Record<string, unknown>;
const list = (value: unknown): Stored[] => (Array.isArray(value) ? (value as Stored[]) : []);

/**
 * The upgrades of a stored case, one per earlier version of its shape, each from the version
 * before: version 1 (no documentVersion) had no meetings on cases stored before meetings
 * existed, actions that did not say when they were agreed, and stages without the reasons for
 * their due times (which cannot be recovered: they stay unknown rather than be worked out
 * again under today's rules); version 2 had lessons of one theme without ids or who gave them,
 * and no partnership told or acknowledgement (the monitoring inbox); version 3 could not be
 * purged under a retention policy (purgedAt).
 */
const upgrades: Record<number, (document: Stored) => Stored> = {
  1: (document) => ({
    ...document,
    documentVersion: 2,
    meetings: document.meetings ?? [],
    actions: list(document.actions).map((action) => ({
      ...action,
      createdAt: action.createdAt ?? document.createdAt,
    })),
    stages: list(document.stages).map((stage) => ({ ...stage, dueReasons: null })),
  }),
  2: (document) => {
    // Lessons were given only on closing; whoever closed the case gave them.
    const closing = list(document.history).findLast((entry) => entry.kind === 'closed');
    return {
      ...document,
      documentVersion: 3,
      lessons: list(document.lessons).map((lesson, index) => ({
        // Read again and again before it is next saved, an upgraded lesson keeps one id.
        id: `${String(document.id)}-lesson-${index + 1}`,
        themes: [lesson.theme],
        text: lesson.text,
        source: 'closed',
        recordedAt: document.closedAt ?? document.updatedAt,
        recordedBy: closing?.personId ?? document.raisedBy,
      })),
      partnershipTold: null,
      acknowledged: null,
    };
  },
  3: (document) => ({ ...document, documentVersion: 4, purgedAt: null }),
};

/** A stored case, upgraded to the current shape and checked; a document that fails is a fault. */
export function readCaseDocument(stored: unknown): Disagreement {
  let document = (stored ?? {}) as Stored;
  let version = typeof document.documentVersion === 'number' ? document.documentVersion : 1;
  while (version < CASE_DOCUMENT_VERSION) {
    const upgrade = upgrades[version];
    if (!upgrade) throw new Error(`no upgrade for case documents of version ${version}`);
    document = upgrade(document);
    version++;
  }
  const parsed = caseDocument.safeParse(document);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`case document ${String(document.id)} does not read (${where})`);
  }
  return parsed.data;
}
