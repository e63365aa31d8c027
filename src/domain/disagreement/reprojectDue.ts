import { formatDate, formatInstant } from '../calendar/formatting.ts';
import { isoInstant } from '../clock.ts';
import type { Outcome } from './actions/caseCommand.ts';
import { changed, withHistory } from './actions/caseCommand.ts';
import type { Disagreement } from './caseDocument.ts';
import { type CaseRules, currentStage, dueOf, storedDue } from './disagreement.ts';

/**
 * The one re-projection: after the partnership's calendar, working hours or closure days
 * changed, the open stage is due again under the rules as they are now (`rules` carries the
 * new calendar), with its reasons, and the case's timeline says why and what it did. Ended
 * stages keep their due times (protocols.md §2, "Recalculation"). A case with no open stage
 * is returned as it was, with no event.
 */
export function reprojectDue(disagreement: Disagreement, rules: CaseRules, why: string): Outcome {
  const current = currentStage(disagreement);
  if (!current || disagreement.status !== 'open') return { disagreement, events: [] };
  const due = storedDue(dueOf(disagreement, rules, current.key, current.startedAt));
  const words = (dueAt: string | null) =>
    dueAt
      ? `by ${formatInstant(Temporal.Instant.from(dueAt), rules.calendar.timeZone)}`
      : 'no set time';
  const effect =
    due.dueAt === current.dueAt
      ? `Still due ${words(due.dueAt)}.`
      : `Was due ${words(current.dueAt)}, now due ${words(due.dueAt)}.`;
  const stageIndex = disagreement.stages.length - 1;
  const today = rules.now.toZonedDateTimeISO(rules.calendar.timeZone).toPlainDate();
  const reprojected = `Re-projected on ${formatDate(today)} because the partnership’s working time changed: ${lowerFirst(why)}`;
  return {
    disagreement: changed(disagreement, rules, {
      stages: disagreement.stages.map((stage) =>
        stage === current
          ? { ...stage, dueAt: due.dueAt, dueReasons: { ...due.dueReasons, reprojected } }
          : stage,
      ),
      history: withHistory(disagreement, {
        at: isoInstant(rules.now),
        kind: 'reprojected',
        personId: null,
        text: `${why} ${effect}`,
      }),
    }),
    events: [{ type: 'DueTimeReprojected', stageIndex, before: current.dueAt }],
  };
}

const lowerFirst = (text: string) =>
  /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase()}${text.slice(1)}` : text;
