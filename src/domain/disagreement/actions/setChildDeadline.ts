import { z } from 'zod';
import { formatInstant } from '../../calendar/formatting.ts';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import { caseCommand, openStage } from './caseCommand.ts';
import { CHILD_DEADLINE_REFUSAL, withChildDeadline } from './childDeadline.ts';
import { instant, reason } from './inputs.ts';

/**
 * An earlier deadline that protects the child: it applies to this stage and every later one.
 * It may be any instant from raising on, already passed included.
 */
export const setChildDeadline = caseCommand({
  name: 'child-deadline-set',
  ability: 'set-child-deadline',
  refusal: CHILD_DEADLINE_REFUSAL,
  input: z.strictObject({ dueAt: instant, reason }),
  apply(disagreement, input, { rules, by }) {
    openStage(disagreement, 'set a deadline on');
    // Any instant from raising on (protocols.md §2): a case logged late may carry a deadline
    // that has already passed, and is then overdue at once.
    if (Temporal.Instant.compare(input.dueAt, disagreement.raisedAt) < 0) {
      const raised = formatInstant(
        Temporal.Instant.from(disagreement.raisedAt),
        rules.calendar.timeZone,
      );
      throw new NotAllowedNow(
        `A deadline to protect the child cannot be before the disagreement was raised (${raised})`,
        { field: 'dueAt' },
      );
    }
    const verb = disagreement.childDeadline ? 'changed' : 'set';
    return {
      disagreement: withChildDeadline(
        disagreement,
        rules,
        {
          dueAt: input.dueAt,
          reason: input.reason,
          setBy: by.personId,
          setAt: isoInstant(rules.now),
        },
        {
          kind: 'child-deadline-set',
          personId: by.personId,
          text: `Deadline to protect the child ${verb}. Reason: ${input.reason}`,
        },
      ),
      events: [{ type: 'ChildDeadlineSet' }],
    };
  },
});
