import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import { caseCommand, openStage } from './caseCommand.ts';
import { CHILD_DEADLINE_REFUSAL, withChildDeadline } from './childDeadline.ts';
import { instant, reason } from './inputs.ts';

/** An earlier deadline that protects the child: it applies to this stage and every later one. */
export const setChildDeadline = caseCommand({
  name: 'child-deadline-set',
  ability: 'set-child-deadline',
  refusal: CHILD_DEADLINE_REFUSAL,
  input: z.strictObject({ dueAt: instant, reason }),
  apply(disagreement, input, { rules, by }) {
    openStage(disagreement, 'set a deadline on');
    if (Temporal.Instant.compare(input.dueAt, rules.now) <= 0) {
      throw new NotAllowedNow('A deadline to protect the child must be in the future', {
        field: 'dueAt',
      });
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
