import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import { awaitingConfirmationFrom } from '../disagreement.ts';
import { caseCommand, changed, openStage, withHistory } from './caseCommand.ts';
import { ANSWER_REFUSAL } from './confirmOutcome.ts';
import { reason } from './inputs.ts';

/** The proposal is cleared, with a reason, and the stage goes on. */
export const rejectOutcome = caseCommand({
  name: 'outcome-rejected',
  ability: 'confirm-outcome',
  refusal: ANSWER_REFUSAL,
  input: z.strictObject({ reason }),
  apply(disagreement, input, { rules, by }) {
    openStage(disagreement, 'reject an outcome on');
    const resolution = disagreement.resolution;
    if (!resolution) throw new NotAllowedNow('There is no proposed outcome to reject');
    if (!awaitingConfirmationFrom(disagreement).includes(by.agencyId ?? '')) {
      throw new NotAllowedNow(
        'Your agency has already confirmed this outcome: record why it no longer agrees instead',
      );
    }
    return {
      disagreement: changed(disagreement, rules, {
        resolution: null,
        actions: disagreement.actions.filter((action) => action.proposalId !== resolution.id),
        history: withHistory(disagreement, {
          at: isoInstant(rules.now),
          kind: 'outcome-rejected',
          personId: by.personId,
          text: `Proposed outcome rejected. Reason: ${input.reason}`,
        }),
      }),
      events: [{ type: 'OutcomeRejected', proposalId: resolution.id }],
    };
  },
});
