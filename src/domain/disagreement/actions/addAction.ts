import { randomUUID } from 'node:crypto';
import { isoInstant } from '../../clock.ts';
import type { AgreedAction } from '../caseDocument.ts';
import { checkActionOwners } from './actionOwners.ts';
import { caseCommand, changed, notEnded, withHistory } from './caseCommand.ts';
import { actionInput } from './proposeOutcome.ts';

/** An action agreed outside a proposed outcome: its owner works for an agency in the case. */
export const addAction = caseCommand({
  name: 'action-added',
  ability: 'record',
  refusal: 'You cannot add actions to this disagreement',
  input: actionInput,
  apply(disagreement, input, { rules, by, directory, access }) {
    checkActionOwners(disagreement, [input.ownerId], { directory, access }, () => 'ownerId');
    notEnded(disagreement, 'add an action to');
    const at = isoInstant(rules.now);
    const action: AgreedAction = {
      id: randomUUID(),
      ...input,
      completedAt: null,
      createdBy: by.personId,
      createdAt: at,
      proposalId: null,
    };
    return {
      disagreement: changed(disagreement, rules, {
        actions: [...disagreement.actions, action],
        history: withHistory(disagreement, {
          at,
          kind: 'action-added',
          personId: by.personId,
          text: `Action agreed: ${input.description}`,
        }),
      }),
      events: [{ type: 'ActionAdded', actionId: action.id }],
    };
  },
});
