import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { otherSideCanSee } from '../disagreement.ts';
import { caseCommand, changed, openStage, withHistory } from './caseCommand.ts';
import { reason } from './inputs.ts';

/** The raiser's line manager or above, or the partnership team, ends the disagreement. */
export const withdraw = caseCommand({
  name: 'withdrawn',
  ability: 'withdraw',
  refusal:
    'Only the line manager of the person who raised it (or someone above them), or the partnership team, can withdraw a disagreement',
  input: z.strictObject({ reason }),
  apply(disagreement, input, { rules, by }) {
    const current = openStage(disagreement, 'withdraw');
    const at = isoInstant(rules.now);
    return {
      disagreement: changed(disagreement, rules, {
        status: 'withdrawn',
        withdrawnReason: input.reason,
        resolution: null,
        stages: disagreement.stages.map((stage) =>
          stage === current ? { ...stage, endedAt: at, outcome: 'withdrawn' as const } : stage,
        ),
        history: withHistory(disagreement, {
          at,
          kind: 'withdrawn',
          personId: by.personId,
          text: `Withdrawn. Reason: ${input.reason}`,
        }),
      }),
      events: [
        {
          type: 'DisagreementWithdrawn',
          otherAgenciesKnew: otherSideCanSee(disagreement, rules.ladder),
        },
      ],
    };
  },
});
