import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import type { CaseEvent } from '../caseEvents.ts';
import { awaitingConfirmationFrom } from '../disagreement.ts';
import { caseCommand, changed, openStage, withHistory } from './caseCommand.ts';

export const ANSWER_REFUSAL =
  'Only a party agency that did not propose the outcome can confirm or reject it, and only while one is waiting';

/** A party agency that did not propose the outcome confirms it; when all have, it is resolved. */
export const confirmOutcome = caseCommand({
  name: 'outcome-confirmed',
  ability: 'confirm-outcome',
  refusal: ANSWER_REFUSAL,
  input: z.strictObject({}),
  apply(disagreement, _input, { rules, by }) {
    const current = openStage(disagreement, 'confirm an outcome on');
    const resolution = disagreement.resolution;
    if (!resolution) throw new NotAllowedNow('There is no proposed outcome to confirm');
    const agencyId = by.agencyId ?? '';
    const waiting = awaitingConfirmationFrom(disagreement);
    if (!waiting.includes(agencyId)) {
      throw new NotAllowedNow('Your agency has already confirmed this outcome');
    }
    const at = isoInstant(rules.now);
    const confirmations = [...resolution.confirmations, { agencyId, personId: by.personId, at }];
    const history = withHistory(disagreement, {
      at,
      kind: 'outcome-confirmed',
      personId: by.personId,
      text: 'Outcome confirmed',
    });
    const events: CaseEvent[] = [{ type: 'OutcomeConfirmed', agencyId }];
    if (waiting.length > 1) {
      return {
        disagreement: changed(disagreement, rules, {
          resolution: { ...resolution, confirmations },
          history,
        }),
        events,
      };
    }
    return {
      disagreement: changed(disagreement, rules, {
        status: 'resolved',
        resolvedAt: at,
        resolution: { ...resolution, confirmations },
        stages: disagreement.stages.map((stage) =>
          stage === current ? { ...stage, endedAt: at, outcome: 'resolved' as const } : stage,
        ),
        history: [
          ...history,
          {
            at,
            kind: 'resolved',
            personId: null,
            text: 'Resolved: every agency confirmed the outcome',
          },
        ],
      }),
      events: [...events, { type: 'DisagreementResolved' }],
    };
  },
});
