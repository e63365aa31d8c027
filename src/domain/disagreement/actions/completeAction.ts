import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { Invalid, NotAllowedNow } from '../../errors.ts';
import { caseCommand, changed, notEnded, withHistory } from './caseCommand.ts';
import { id } from './inputs.ts';

export const completeAction = caseCommand({
  name: 'action-completed',
  ability: 'record',
  refusal: 'You cannot complete actions on this disagreement',
  input: z.strictObject({ actionId: id }),
  apply(disagreement, input, { rules, by }) {
    notEnded(disagreement, 'complete an action on');
    const action = disagreement.actions.find((candidate) => candidate.id === input.actionId);
    if (!action) {
      throw new Invalid('There is no such action', [
        { path: 'actionId', message: 'There is no such action on this case' },
      ]);
    }
    if (action.completedAt) throw new NotAllowedNow('That action is already complete');
    const at = isoInstant(rules.now);
    return {
      disagreement: changed(disagreement, rules, {
        actions: disagreement.actions.map((candidate) =>
          candidate === action ? { ...candidate, completedAt: at } : candidate,
        ),
        history: withHistory(disagreement, {
          at,
          kind: 'action-completed',
          personId: by.personId,
          text: `Action completed: ${action.description}`,
        }),
      }),
      events: [{ type: 'ActionCompleted', actionId: action.id }],
    };
  },
});
