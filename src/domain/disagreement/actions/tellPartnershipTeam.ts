import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import { caseCommand, changed, openStage, withHistory } from './caseCommand.ts';
import { reason } from './inputs.ts';

/**
 * "Tell the partnership team now", at any stage, with a reason: the case goes into the team's
 * monitoring inbox, ahead of those that only reached the monitoring stage (Pan-Lancashire:
 * where an agency maintains non-involvement in a life-threatening situation, the monitoring
 * team is informed at the earliest opportunity).
 */
export const tellPartnershipTeam = caseCommand({
  name: 'partnership-told',
  ability: 'tell-partnership-team',
  refusal: 'Only the people on the disagreement can tell the partnership team about it',
  input: z.strictObject({ reason }),
  apply(disagreement, input, { rules, by }) {
    openStage(disagreement, 'tell the partnership team about');
    if (disagreement.partnershipTold) {
      throw new NotAllowedNow('The partnership team has already been told about this disagreement');
    }
    const at = isoInstant(rules.now);
    return {
      disagreement: changed(disagreement, rules, {
        partnershipTold: { at, by: by.personId, reason: input.reason },
        history: withHistory(disagreement, {
          at,
          kind: 'partnership-told',
          personId: by.personId,
          text: `The ${rules.protocol.terms.monitoringTeam} was told now. Reason: ${input.reason}`,
        }),
      }),
      events: [{ type: 'PartnershipTold' }],
    };
  },
});
