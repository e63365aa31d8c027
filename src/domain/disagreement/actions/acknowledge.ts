import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import { caseCommand, changed, withHistory } from './caseCommand.ts';

/** The partnership team has seen a case in its monitoring inbox, and says who did and when. */
export const acknowledge = caseCommand({
  name: 'acknowledged',
  ability: 'acknowledge',
  refusal: 'Only the partnership team acknowledges a disagreement in its monitoring inbox',
  input: z.strictObject({}),
  apply(disagreement, _input, { rules, by }) {
    if (!disagreement.monitoringNotifiedAt && !disagreement.partnershipTold) {
      throw new NotAllowedNow('This disagreement is not in the monitoring inbox');
    }
    if (disagreement.acknowledged) {
      throw new NotAllowedNow('This disagreement has already been acknowledged');
    }
    const at = isoInstant(rules.now);
    return {
      disagreement: changed(disagreement, rules, {
        acknowledged: { at, by: by.personId },
        history: withHistory(disagreement, {
          at,
          kind: 'acknowledged',
          personId: by.personId,
          text: `The ${rules.protocol.terms.monitoringTeam} acknowledged it`,
        }),
      }),
      events: [{ type: 'InboxAcknowledged' }],
    };
  },
});
