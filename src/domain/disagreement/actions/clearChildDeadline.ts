import { z } from 'zod';
import { NotAllowedNow } from '../../errors.ts';
import { caseCommand, openStage } from './caseCommand.ts';
import { CHILD_DEADLINE_REFUSAL, withChildDeadline } from './childDeadline.ts';
import { reason } from './inputs.ts';

export const clearChildDeadline = caseCommand({
  name: 'child-deadline-cleared',
  ability: 'set-child-deadline',
  refusal: CHILD_DEADLINE_REFUSAL,
  input: z.strictObject({ reason }),
  apply(disagreement, input, { rules, by }) {
    openStage(disagreement, 'clear a deadline on');
    if (!disagreement.childDeadline) {
      throw new NotAllowedNow('There is no deadline to protect the child to clear');
    }
    return {
      disagreement: withChildDeadline(disagreement, rules, null, {
        kind: 'child-deadline-cleared',
        personId: by.personId,
        text: `Deadline to protect the child cleared. Reason: ${input.reason}`,
      }),
      events: [{ type: 'ChildDeadlineCleared' }],
    };
  },
});
