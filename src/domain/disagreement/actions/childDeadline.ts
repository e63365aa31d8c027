import { isoInstant } from '../../clock.ts';
import type { ChildDeadline, Disagreement, HistoryEntry } from '../caseDocument.ts';
import type { CaseRules } from '../disagreement.ts';
import { currentStage, dueOf, storedDue } from '../disagreement.ts';
import { changed } from './caseCommand.ts';

export const CHILD_DEADLINE_REFUSAL =
  'Only the agencies in the disagreement and the partnership team can set a deadline to protect the child';

/** The case with a new (or no) deadline to protect the child, and its open stage due again. */
export function withChildDeadline(
  disagreement: Disagreement,
  rules: CaseRules,
  childDeadline: ChildDeadline | null,
  entry: Omit<HistoryEntry, 'at'>,
): Disagreement {
  const current = currentStage(disagreement);
  return changed(disagreement, rules, {
    childDeadline,
    stages: disagreement.stages.map((stage) =>
      stage === current
        ? {
            ...stage,
            ...storedDue(dueOf(disagreement, rules, stage.key, stage.startedAt, childDeadline)),
          }
        : stage,
    ),
    history: [...disagreement.history, { at: isoInstant(rules.now), ...entry }],
  });
}
