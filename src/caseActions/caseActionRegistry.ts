import { acknowledgeEntry } from './acknowledge.ts';
import { addActionEntry } from './addAction.ts';
import { arrangeMeetingEntry } from './arrangeMeeting.ts';
import type { CaseActionEntry } from './caseActionEntry.ts';
import { clearChildDeadlineEntry, setChildDeadlineEntry } from './childDeadline.ts';
import { closeEntry } from './close.ts';
import { completeActionEntry } from './completeAction.ts';
import { confirmOutcomeEntry, rejectOutcomeEntry } from './confirmOutcome.ts';
import { escalateEntry } from './escalate.ts';
import { proposeOutcomeEntry } from './proposeOutcome.ts';
import { recordDiscussionEntry } from './recordDiscussion.ts';
import { recordMinutesEntry } from './recordMinutes.ts';
import { referLessonEntry } from './referLesson.ts';
import { tellNextLevelEntry } from './tellNextLevel.ts';
import { tellPartnershipTeamEntry } from './tellPartnershipTeam.ts';
import { withdrawEntry } from './withdraw.ts';

/**
 * Every case action, in the order the case page offers them: each entry's page, API route and
 * OpenAPI operation are made from it (docs/architecture.md, "Adding a case action").
 */
export const caseActionRegistry: readonly CaseActionEntry[] = [
  recordDiscussionEntry,
  addActionEntry,
  confirmOutcomeEntry,
  rejectOutcomeEntry,
  proposeOutcomeEntry,
  escalateEntry,
  setChildDeadlineEntry,
  clearChildDeadlineEntry,
  withdrawEntry,
  closeEntry,
  tellPartnershipTeamEntry,
  acknowledgeEntry,
  referLessonEntry,
  completeActionEntry,
  arrangeMeetingEntry,
  recordMinutesEntry,
  tellNextLevelEntry,
];
